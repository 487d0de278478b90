/**
 * Changes a framework's name, scoring method, outlier treatment or peers (the tree and the data
 * are kept).
 */
import { Alert, App, Form, Input, Modal, Radio, Switch } from 'antd';
import { errorMessage } from '../../api/client';
import { useUpdateIndex } from '../../api/indices';
import { INDEX_METHODS, INDEX_PEER_KINDS, type IndexFramework, type IndexMethod, type IndexPeerKind } from '../../api/types';
import { useT } from '../../i18n';

interface SettingsValues {
  name: string;
  method: IndexMethod;
  peerKind: IndexPeerKind;
  outlierTreatment: boolean;
}

export function IndexSettingsModal({ framework, open, onClose }: { framework: IndexFramework; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const update = useUpdateIndex(framework.code);
  const method = Form.useWatch('method', form);

  const save = async () => {
    const values = await form.validateFields();
    try {
      await update.mutateAsync({ ...values, name: values.name.trim() });
      void message.success(t('indices.settingsSaved'));
      onClose();
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <Modal
      open={open}
      title={t('indices.settingsTitle', { code: framework.code })}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'index-settings-save' }}
      destroyOnHidden
    >
      <Form<SettingsValues>
        form={form}
        layout="vertical"
        initialValues={{ name: framework.name, method: framework.method, peerKind: framework.peerKind, outlierTreatment: framework.outlierTreatment }}
      >
        <Form.Item name="name" label={t('indices.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={300} data-testid="index-settings-name" />
        </Form.Item>
        <Form.Item name="method" label={t('indices.method')}>
          <Radio.Group optionType="button" options={INDEX_METHODS.map((value) => ({ value, label: t(`indices.method.${value}`) }))} />
        </Form.Item>
        <Form.Item name="peerKind" label={t('indices.peerKind')}>
          <Radio.Group optionType="button" options={INDEX_PEER_KINDS.map((value) => ({ value, label: t(`indices.peerKind.${value}`) }))} />
        </Form.Item>
        {method === 'minmax' ? (
          <Form.Item name="outlierTreatment" label={t('indices.outlierTreatment')} valuePropName="checked" extra={t('indices.outlierTreatmentHint')}>
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
      <Alert type="info" showIcon title={t('indices.settingsHint')} />
    </Modal>
  );
}
