import { notFound } from '../../ari-error';
import { found, pathParam, type Handler } from '../../handler';
import { noContent, ok } from '../../reply';

export const listStoredRecordings: Handler = ({ core }) => ok(core.recordings.listStored());

export const getStoredRecording: Handler = (ctx) => ok(found(ctx.core.recordings.getStored(pathParam(ctx, 'recordingName')), 'Recording'));

export const deleteStoredRecording: Handler = (ctx) => {
  if (!ctx.core.recordings.deleteStored(pathParam(ctx, 'recordingName'))) throw notFound('Recording');
  return noContent();
};

export const getStoredRecordingFile: Handler = (ctx) => ({
  status: 200,
  binary: found(ctx.core.recordings.file(pathParam(ctx, 'recordingName')), 'Recording'),
  contentType: 'audio/wav',
});
