import crypto from 'node:crypto';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Actor } from '../../../domain/policies';
import { canReadTask, isSystemAdmin } from '../../../domain/policies';
import type { Database } from '../../db/client';
import { AppError, forbidden, notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import { findTaskAccess, listTaskIdsByFile } from '../tasks/tasks.repository';
import { findFile, insertFile } from './files.repository';
import { isDirectiveFile } from '../directives/directives.repository';

export const maxFileBytes = 20 * 1024 * 1024;

/** Evidence types accepted, by the type detected from the content; the extensions that may name them. */
const acceptedTypes: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
  'application/x-cfb': ['.doc', '.xls', '.ppt'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/webp': ['.webp'],
  'image/tiff': ['.tif', '.tiff'],
  'application/zip': ['.zip'],
  'application/x-rar-compressed': ['.rar'],
  'application/x-7z-compressed': ['.7z'],
};

/** Checks the content (not the name) and returns the detected MIME type. */
export async function detectEvidenceType(content: Buffer, name: string): Promise<string> {
  const detected = await fileTypeFromBuffer(content);
  const extension = path.extname(name).toLowerCase();
  if (!detected || !acceptedTypes[detected.mime]) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Tệp "${name}" không phải loại tài liệu được chấp nhận (PDF, Word, Excel, PowerPoint, ảnh PNG/JPEG, ZIP…): nội dung tệp ${detected ? `là ${detected.mime}` : 'không nhận dạng được'}.`,
    );
  }
  const allowedExtensions = acceptedTypes[detected.mime];
  if (extension && !allowedExtensions.includes(extension) && !(detected.mime === 'application/zip' && ['.docx', '.xlsx', '.pptx'].includes(extension))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Tệp "${name}" có đuôi ${extension} nhưng nội dung là ${detected.mime}. Vui lòng kiểm tra lại tệp.`);
  }
  return detected.mime;
}

export function createFilesService(database: Database) {
  const db = database.db;
  return {
    async upload(actor: Actor, input: { name: string; content: Buffer }) {
      if (input.content.length === 0) throw new AppError('VALIDATION_ERROR', `Tệp "${input.name}" rỗng.`);
      if (input.content.length > maxFileBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Tệp "${input.name}" vượt quá 20 MB.`);
      const mimeType = await detectEvidenceType(input.content, input.name);
      return db.transaction(async (tx) => {
        const file = await insertFile(tx, {
          name: input.name.normalize('NFC').slice(0, 255),
          size: input.content.length,
          mimeType,
          sha256: crypto.createHash('sha256').update(input.content).digest('hex'),
          content: input.content,
          createdBy: actor.userId,
        });
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'file.upload', entity: 'file', entityId: file.id, after: { name: file.name, size: file.size, mimeType } });
        return file;
      });
    },

    /** The uploader, and whoever may read a task the file is attached to, may download it. */
    async download(actor: Actor, id: number) {
      const file = await findFile(db, id);
      if (!file) throw notFound(`tệp có mã ${id}`);
      if (file.createdBy !== actor.userId && !isSystemAdmin(actor) && !(await isDirectiveFile(db, id))) {
        const taskIds = await listTaskIdsByFile(db, id);
        let allowed = false;
        for (const taskId of taskIds) {
          const access = await findTaskAccess(db, taskId);
          if (access && canReadTask(actor, access)) {
            allowed = true;
            break;
          }
        }
        if (!allowed) throw forbidden();
      }
      return file;
    },
  };
}

export type FilesService = ReturnType<typeof createFilesService>;
