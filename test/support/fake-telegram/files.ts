import type { MethodHandler } from './context.ts';
import { badRequest } from './errors.ts';

export interface StoredFile {
  fileId: string;
  name: string;
  bytes: Buffer;
  /** what getFile returns and the download route serves */
  path: string;
}

/** Files the bot uploaded (sendDocument) and files tests put in a user's message (addFile). */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private n = 0;

  add(name: string, bytes: Buffer, fileId = `doc-${++this.n}`): StoredFile {
    const file = { fileId, name, bytes, path: `documents/${fileId}/${encodeURIComponent(name)}` };
    this.byId.set(fileId, file);
    this.byPath.set(file.path, file);
    return file;
  }
  get = (fileId: string): StoredFile | undefined => this.byId.get(fileId);
  atPath = (path: string): StoredFile | undefined => this.byPath.get(path);
}

/** getFile: file_id → file_path for `/file/bot<token>/<file_path>`; unknown ids as Telegram answers them. */
export const getFile: MethodHandler = (ctx) => {
  const id = ctx.body['file_id'];
  const file = typeof id === 'string' ? ctx.state.files.get(id) : undefined;
  if (!file) throw badRequest('invalid file_id');
  return {
    file_id: file.fileId,
    file_unique_id: `u-${file.fileId}`,
    file_size: file.bytes.length,
    file_path: file.path,
  };
};
