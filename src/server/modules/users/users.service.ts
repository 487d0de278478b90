import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Actor, Role } from '../../../domain/policies';
import { canManageUsers } from '../../../domain/policies';
import type { Clock } from '../../clock';
import type { Database, Executor } from '../../db/client';
import { AppError, forbidden, invalid, notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import { findOrganizationsByCodes } from '../organizations/organizations.repository';
import {
  deleteSession,
  deleteUserSessions,
  findApiTokenActor,
  findSession,
  findUserById,
  findUserByIdForUpdate,
  findUserByUsername,
  insertApiToken,
  insertSession,
  insertUser,
  listApiTokens,
  listGrants,
  listUsers,
  replaceGrants,
  revokeApiToken,
  touchApiToken,
  updateUser,
  type UserRecord,
} from './users.repository';

export const maxFailedLogins = 5;
export const lockMinutes = 15;
export const minPasswordLength = 8;

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

/** A valid argon2id hash of a random password: unknown users are checked against it, for equal timing. */
const dummyPasswordHash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0rFz2O6yH0O7m0U6Xr9ptj1yTqGgOQ2bVwFfVY7cC1c';

/** argon2id with the library's defaults. */
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

export interface UserView {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  isActive: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  roles: { role: Role; organizationCode: string; organizationName: string }[];
}

export interface RoleInput {
  role: Role;
  organizationCode: string;
}

function checkPasswordStrength(password: string, field = 'password') {
  if (password.length < minPasswordLength) {
    throw invalid(`Trường "${field}": mật khẩu cần ít nhất ${minPasswordLength} ký tự.`);
  }
}

export function createUsersService(database: Database, clock: Clock, options: { sessionDays: number }) {
  const db = database.db;

  async function present(executor: Executor, records: UserRecord[]): Promise<UserView[]> {
    const grants = await listGrants(executor, records.map((record) => record.id));
    return records.map((record) => ({
      id: record.id,
      username: record.username,
      fullName: record.fullName,
      email: record.email,
      isActive: record.isActive,
      lockedUntil: record.lockedUntil && record.lockedUntil > clock.now() ? record.lockedUntil : null,
      createdAt: record.createdAt,
      roles: grants
        .filter((grant) => grant.userId === record.id)
        .map((grant) => ({ role: grant.role, organizationCode: grant.organizationCode, organizationName: grant.organizationName })),
    }));
  }

  async function getUser(executor: Executor, id: number): Promise<UserRecord> {
    const user = await findUserById(executor, id);
    if (!user) throw notFound(`người dùng có mã ${id}`);
    return user;
  }

  async function resolveGrants(executor: Executor, roles: RoleInput[]) {
    const codes = [...new Set(roles.map((role) => role.organizationCode))];
    const found = await findOrganizationsByCodes(executor, codes);
    const byCode = new Map(found.map((organization) => [organization.code, organization]));
    return roles.map((role, index) => {
      const organization = byCode.get(role.organizationCode);
      if (!organization) throw invalid(`Trường "roles.${index}.organizationCode": không tìm thấy cơ quan, đơn vị có mã "${role.organizationCode}".`);
      return { role: role.role, organizationId: organization.id };
    });
  }

  async function loadActor(executor: Executor, user: UserRecord): Promise<Actor> {
    const grants = await listGrants(executor, [user.id]);
    return {
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      grants: grants.map(({ role, organizationId, organizationCode, path }) => ({ role, organizationId, organizationCode, path })),
    };
  }

  async function createUserUnchecked(executor: Executor, input: { username: string; fullName: string; email?: string | null; password: string; roles: RoleInput[] }, actorName: string, actorId: number | null) {
    checkPasswordStrength(input.password);
    if (await findUserByUsername(executor, input.username)) {
      throw new AppError('CONFLICT', `Tên đăng nhập "${input.username}" đã tồn tại.`);
    }
    const grants = await resolveGrants(executor, input.roles);
    const user = await insertUser(executor, {
      username: input.username,
      fullName: input.fullName.normalize('NFC'),
      email: input.email ?? null,
      passwordHash: await hashPassword(input.password),
    });
    await replaceGrants(executor, user.id, grants);
    const [view] = await present(executor, [user]);
    await insertAuditEvent(executor, { actorUserId: actorId, actorName, action: 'user.create', entity: 'user', entityId: user.id, after: view });
    return view;
  }

  return {
    loadActor,

    async list(actor: Actor, search?: string) {
      if (!canManageUsers(actor)) throw forbidden();
      return present(db, await listUsers(db, search));
    },

    async get(actor: Actor, id: number) {
      if (!canManageUsers(actor) && actor.userId !== id) throw forbidden();
      const [view] = await present(db, [await getUser(db, id)]);
      return view;
    },

    async create(actor: Actor, input: { username: string; fullName: string; email?: string | null; password: string; roles: RoleInput[] }) {
      if (!canManageUsers(actor)) throw forbidden();
      return db.transaction((tx) => createUserUnchecked(tx, input, actor.username, actor.userId));
    },

    /** For the CLI and the first start: no actor, recorded as "system". */
    async createAsSystem(input: { username: string; fullName: string; email?: string | null; password: string; roles: RoleInput[] }, executor: Executor = db) {
      return executor === db ? db.transaction((tx) => createUserUnchecked(tx, input, 'system', null)) : createUserUnchecked(executor, input, 'system', null);
    },

    async update(actor: Actor, id: number, input: { fullName?: string; email?: string | null }) {
      if (!canManageUsers(actor)) throw forbidden();
      return db.transaction(async (tx) => {
        const before = await getUser(tx, id);
        await updateUser(tx, id, {
          ...(input.fullName !== undefined ? { fullName: input.fullName.normalize('NFC') } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
        });
        const [view] = await present(tx, [await getUser(tx, id)]);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'user.update', entity: 'user', entityId: id, before: { fullName: before.fullName, email: before.email }, after: view });
        return view;
      });
    },

    async updateRoles(actor: Actor, id: number, roles: RoleInput[]) {
      if (!canManageUsers(actor)) throw forbidden();
      return db.transaction(async (tx) => {
        const user = await getUser(tx, id);
        const [before] = await present(tx, [user]);
        await replaceGrants(tx, id, await resolveGrants(tx, roles));
        const [after] = await present(tx, [user]);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'user.roles', entity: 'user', entityId: id, before: before.roles, after: after.roles });
        return after;
      });
    },

    async deactivate(actor: Actor, id: number) {
      if (!canManageUsers(actor)) throw forbidden();
      if (actor.userId === id) throw invalid('Bạn không thể tự ngừng kích hoạt tài khoản của mình.');
      return db.transaction(async (tx) => {
        await getUser(tx, id);
        await updateUser(tx, id, { isActive: false });
        await deleteUserSessions(tx, id);
        const [view] = await present(tx, [await getUser(tx, id)]);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'user.deactivate', entity: 'user', entityId: id, after: view });
        return view;
      });
    },

    /** Administrator reset (or the CLI, with actor null). */
    async resetPassword(actor: Actor | null, id: number, password: string) {
      if (actor && !canManageUsers(actor)) throw forbidden();
      checkPasswordStrength(password);
      await db.transaction(async (tx) => {
        await getUser(tx, id);
        await updateUser(tx, id, { passwordHash: await hashPassword(password), failedLogins: 0, lockedUntil: null });
        await deleteUserSessions(tx, id);
        await insertAuditEvent(tx, { actorUserId: actor?.userId ?? null, actorName: actor?.username ?? 'system', action: 'user.reset_password', entity: 'user', entityId: id });
      });
    },

    async findByUsername(username: string) {
      return findUserByUsername(db, username);
    },

    async changePassword(actor: Actor, currentPassword: string, newPassword: string) {
      const user = await getUser(db, actor.userId);
      if (!(await verify(user.passwordHash, currentPassword))) {
        throw invalid('Trường "currentPassword": mật khẩu hiện tại không đúng.');
      }
      checkPasswordStrength(newPassword, 'newPassword');
      await db.transaction(async (tx) => {
        await updateUser(tx, user.id, { passwordHash: await hashPassword(newPassword) });
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'user.change_password', entity: 'user', entityId: user.id });
      });
    },

    /**
     * Checks a username and password. Five failures lock the account for 15 minutes; the
     * message never says which of the two was wrong. The count and the lock are read again under
     * a row lock after the (slow) password check, so that guesses sent in parallel are all counted
     * and none gets in once the account is locked.
     */
    async login(username: string, password: string) {
      const wrong = new AppError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      const lockedError = (lockedUntil: Date) => new AppError('LOCKED', 'Tài khoản tạm khóa 15 phút do đăng nhập sai nhiều lần.', { lockedUntil });
      const user = await findUserByUsername(db, username);
      const now = clock.now();
      if (!user || !user.isActive) {
        // Spend the same time as a real check.
        await verify(dummyPasswordHash, password).catch(() => false);
        throw wrong;
      }
      if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil);
      const isRight = await verify(user.passwordHash, password);
      const sessionToken = randomToken();
      const csrfToken = randomToken();
      type Outcome = { result: 'signed_in' } | { result: 'wrong' } | { result: 'locked'; lockedUntil: Date };
      const outcome = await db.transaction(async (tx): Promise<Outcome> => {
        const fresh = await findUserByIdForUpdate(tx, user.id);
        // Deactivated, or its password reset, while the password was being checked.
        if (!fresh || !fresh.isActive || fresh.passwordHash !== user.passwordHash) return { result: 'wrong' };
        if (fresh.lockedUntil && fresh.lockedUntil > now) return { result: 'locked', lockedUntil: fresh.lockedUntil };
        if (!isRight) {
          const failures = fresh.failedLogins + 1;
          const lockedUntil = failures >= maxFailedLogins ? new Date(now.getTime() + lockMinutes * 60_000) : null;
          await updateUser(tx, user.id, { failedLogins: lockedUntil ? 0 : failures, lockedUntil: lockedUntil ?? fresh.lockedUntil });
          await insertAuditEvent(tx, { actorUserId: user.id, actorName: user.username, action: lockedUntil ? 'auth.locked' : 'auth.login_failed', entity: 'user', entityId: user.id });
          return lockedUntil ? { result: 'locked', lockedUntil } : { result: 'wrong' };
        }
        await updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null });
        await insertSession(tx, {
          tokenHash: sha256(sessionToken),
          userId: user.id,
          csrfToken,
          expiresAt: new Date(now.getTime() + options.sessionDays * 86_400_000),
        });
        await insertAuditEvent(tx, { actorUserId: user.id, actorName: user.username, action: 'auth.login', entity: 'user', entityId: user.id });
        return { result: 'signed_in' };
      });
      if (outcome.result === 'locked') throw lockedError(outcome.lockedUntil);
      if (outcome.result === 'wrong') throw wrong;
      return { sessionToken, csrfToken, actor: await loadActor(db, user) };
    },

    async logout(sessionToken: string) {
      await db.transaction(async (tx) => {
        const userId = await deleteSession(tx, sha256(sessionToken));
        const user = userId === null ? null : await findUserById(tx, userId);
        if (user) await insertAuditEvent(tx, { actorUserId: user.id, actorName: user.username, action: 'auth.logout', entity: 'user', entityId: user.id });
      });
    },

    /** The actor of a session cookie, or null when it is unknown or expired. */
    async authenticateSession(sessionToken: string): Promise<{ actor: Actor; csrfToken: string } | null> {
      const session = await findSession(db, sha256(sessionToken), clock.now());
      if (!session) return null;
      const user = await findUserById(db, session.userId);
      if (!user || !user.isActive) return null;
      return { actor: await loadActor(db, user), csrfToken: session.csrfToken };
    },

    /** The actor of an API token (`Authorization: Bearer`), or null. */
    async authenticateToken(token: string): Promise<Actor | null> {
      const found = await findApiTokenActor(db, sha256(token));
      if (!found || !found.user.isActive) return null;
      // Record the last use at most once a minute: a write per request would serialise the reads.
      if (!found.lastUsedAt || clock.now().getTime() - found.lastUsedAt.getTime() > 60_000) await touchApiToken(db, found.tokenId, clock.now());
      return { userId: found.user.id, username: found.user.username, fullName: found.user.fullName, grants: found.grants };
    },

    async createToken(actor: Actor | null, input: { name: string; username?: string }) {
      // Refused before the lookup, so that the answer does not tell whether another user exists.
      if (actor && input.username && input.username.toLowerCase() !== actor.username.toLowerCase() && !canManageUsers(actor)) throw forbidden();
      const target = input.username ? await findUserByUsername(db, input.username) : actor ? await findUserById(db, actor.userId) : null;
      if (!target) throw invalid(`Trường "username": không tìm thấy người dùng "${input.username ?? ''}".`);
      if (actor && target.id !== actor.userId && !canManageUsers(actor)) throw forbidden();
      const token = `tt_${randomToken()}`;
      const record = await db.transaction(async (tx) => {
        const created = await insertApiToken(tx, { userId: target.id, name: input.name, tokenHash: sha256(token) });
        await insertAuditEvent(tx, { actorUserId: actor?.userId ?? null, actorName: actor?.username ?? 'system', action: 'token.create', entity: 'api_token', entityId: created.id, after: { name: created.name, userId: target.id } });
        return created;
      });
      return { id: record.id, name: record.name, token };
    },

    async listTokens(actor: Actor) {
      return listApiTokens(db, canManageUsers(actor) ? undefined : actor.userId);
    },

    async revokeToken(actor: Actor, id: number) {
      const tokens = await listApiTokens(db, canManageUsers(actor) ? undefined : actor.userId);
      if (!tokens.some((token) => token.id === id)) throw notFound(`mã truy cập ${id}`);
      await db.transaction(async (tx) => {
        await revokeApiToken(tx, id, clock.now());
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'token.revoke', entity: 'api_token', entityId: id });
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
