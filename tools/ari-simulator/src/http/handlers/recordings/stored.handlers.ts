import { notFound } from '../../ari-error';
import { pathParam, type Handler } from '../../handler';
import { noContent, ok } from '../../reply';

export const listStoredRecordings: Handler = ({ core }) => ok(core.recordings.listStored());

export const getStoredRecording: Handler = (ctx) => {
  const recording = ctx.core.recordings.getStored(pathParam(ctx, 'recordingName'));
  if (!recording) throw notFound('Recording');
  return ok(recording);
};

export const deleteStoredRecording: Handler = (ctx) => {
  if (!ctx.core.recordings.deleteStored(pathParam(ctx, 'recordingName'))) throw notFound('Recording');
  return noContent();
};

export const getStoredRecordingFile: Handler = (ctx) => {
  const file = ctx.core.recordings.file(pathParam(ctx, 'recordingName'));
  if (!file) throw notFound('Recording');
  return { status: 200, binary: file, contentType: 'audio/wav' };
};
