/**
 * A container of an Azure Storage account as a deploy target: normally `$web`, which Azure serves
 * as a static website with the Content-Type, Content-Encoding and Cache-Control stored with each
 * blob, whatever the client accepts. Blob uploads are atomic: readers see the old blob or the new
 * one.
 *
 * So text is stored gzip-compressed, with Content-Encoding gzip (the target's `compression`; which
 * files: content-headers.ts): every browser accepts gzip. A file up to
 * {@link COMPRESS_IN_MEMORY_BYTES} is compressed in memory and uploaded in one request; a larger
 * one streams through zlib in blocks, so memory stays bounded whatever the file's size.
 *
 * Credentials come from the environment, first found wins:
 * 1. `AZURE_STORAGE_CONNECTION_STRING`: an account key or SAS connection string; its
 *    `BlobEndpoint`, if any, is used (Azurite's `http://127.0.0.1:10000/devstoreaccount1`);
 * 2. `AZURE_STORAGE_SAS_TOKEN`: a SAS token for `https://ACCOUNT.blob.core.windows.net`;
 * 3. otherwise `DefaultAzureCredential` (@azure/identity): in CI, a federated (OIDC) sign-in such
 *    as azure/login's; on a workstation, `az login`. It needs the role Storage Blob Data Contributor.
 *
 * Failures that another try may cure (network, throttling, server errors) are passed on as they
 * are for the deploy to retry; the others become a CliError saying what to fix. The SDK's own
 * retries are off so that the deploy's retry policy is the only one.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { BlobServiceClient, type BlobServiceClientOptions, type ContainerClient } from '@azure/storage-blob';
import { CliError } from '../cli-error.ts';
import { type ContentHeaders, storedHeaders } from './content-headers.ts';
import type {
  DeployTarget,
  FileVersion,
  StoredEncoding,
  TargetFile,
  UploadSource,
  VersionedFile,
} from './deploy-target.ts';
import { isTransientError } from './retry.ts';
import { storedGzip, storedGzipStream } from './stored-gzip.ts';

/** The environment variables read for credentials, in order. */
export const AZURE_ENV = ['AZURE_STORAGE_CONNECTION_STRING', 'AZURE_STORAGE_SAS_TOKEN'] as const;

const CLIENT_OPTIONS: BlobServiceClientOptions = {
  retryOptions: { maxTries: 1 },
  userAgentOptions: { userAgentPrefix: 'tidende-deploy' },
};

const CREDENTIAL_HELP =
  'Set AZURE_STORAGE_CONNECTION_STRING (the account\'s connection string) or AZURE_STORAGE_SAS_TOKEN (a SAS token with read, add, create, write, delete and list permissions on the container), or sign in for DefaultAzureCredential (in CI: azure/login with OIDC; locally: az login) with the role "Storage Blob Data Contributor".';

/** Files up to this size are compressed in memory; larger ones stream through zlib. */
export const COMPRESS_IN_MEMORY_BYTES = 4 * 1024 * 1024;
/** Block size and blocks held at once of a streamed upload: 8 MiB of memory per file. */
const STREAM_BLOCK_BYTES = 4 * 1024 * 1024;
const STREAM_BLOCKS = 2;

const unquoted = (etag: string) => etag.replace(/^"(.*)"$/, '$1');

interface AzureTargetSpec {
  url: string;
  account: string;
  container: string;
}

/** Key=value pairs of a connection string; keys as written. */
function connectionStringParts(connectionString: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return parts;
}

/** The account a connection string is for: AccountName, else read from BlobEndpoint. */
function accountOfConnectionString(parts: Map<string, string>): string | undefined {
  const named = parts.get('AccountName');
  if (named) return named;
  const endpoint = parts.get('BlobEndpoint');
  if (!endpoint) return undefined;
  try {
    const url = new URL(endpoint);
    // https://ACCOUNT.blob.core.windows.net, or an emulator's http://host:port/ACCOUNT
    return /\.blob\./.test(url.hostname)
      ? url.hostname.split('.')[0]
      : url.pathname.split('/')[1] || undefined;
  } catch {
    return undefined;
  }
}

interface Connection {
  service: BlobServiceClient;
  /** Where the credentials came from, for messages. */
  source: string;
}

async function connect(spec: AzureTargetSpec, env: NodeJS.ProcessEnv): Promise<Connection> {
  const connectionString = env.AZURE_STORAGE_CONNECTION_STRING?.trim();
  if (connectionString) {
    const source = 'AZURE_STORAGE_CONNECTION_STRING';
    const account = accountOfConnectionString(connectionStringParts(connectionString));
    if (account !== undefined && account !== spec.account) {
      throw new CliError(
        `${source} is for the storage account '${account}', but the target ${spec.url} names '${spec.account}'. ` +
          'Use the connection string of the target account, or fix --target.',
      );
    }
    try {
      return { service: BlobServiceClient.fromConnectionString(connectionString, CLIENT_OPTIONS), source };
    } catch (error) {
      throw new CliError(
        `${source} is not a valid Azure Storage connection string (${(error as Error).message}). ` +
          'Expected e.g. DefaultEndpointsProtocol=https;AccountName=ACCOUNT;AccountKey=KEY;EndpointSuffix=core.windows.net',
        { cause: error },
      );
    }
  }
  const accountUrl = `https://${spec.account}.blob.core.windows.net`;
  const sas = env.AZURE_STORAGE_SAS_TOKEN?.trim().replace(/^\?/, '');
  if (sas) {
    const source = 'AZURE_STORAGE_SAS_TOKEN';
    const params = new URLSearchParams(sas);
    if (!params.get('sig') || !params.get('sv')) {
      throw new CliError(
        `${source} is not a SAS token: expected query parameters such as sv=…&sp=racwdl&se=…&sig=…; ` +
          `got a value without ${params.get('sig') ? 'sv' : 'sig'}.`,
      );
    }
    return { service: new BlobServiceClient(`${accountUrl}?${sas}`, undefined, CLIENT_OPTIONS), source };
  }
  const source = `DefaultAzureCredential (neither ${AZURE_ENV.join(' nor ')} is set)`;
  const { DefaultAzureCredential } = await import('@azure/identity');
  let credential: InstanceType<typeof DefaultAzureCredential>;
  try {
    credential = new DefaultAzureCredential();
  } catch (error) {
    throw new CliError(`${source} could not start: ${(error as Error).message}\n${CREDENTIAL_HELP}`, {
      cause: error,
    });
  }
  return { service: new BlobServiceClient(accountUrl, credential, CLIENT_OPTIONS), source };
}

interface ErrorDetails {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  /** The failures of each credential DefaultAzureCredential tried. */
  errors?: { message?: string }[];
}

/** The error for the user, or the error itself when it is transient or unknown. */
function explain(error: unknown, action: string, spec: AzureTargetSpec, source: string): unknown {
  if (isTransientError(error) || error instanceof CliError) return error;
  const e = (error ?? {}) as ErrorDetails;
  const firstLine = String(e.message ?? error).split('\n')[0];
  if (e.name && /CredentialUnavailableError|AuthenticationError/.test(e.name)) {
    const tried = (e.errors ?? []).map((inner) => `\n  ${String(inner.message).split('\n')[0]}`).join('');
    return new CliError(
      `No usable Azure credentials to ${action} at ${spec.url} from ${source}: ${firstLine}${tried}\n${CREDENTIAL_HELP}`,
      { cause: error },
    );
  }
  if (e.statusCode === 404 && e.code === 'ContainerNotFound') {
    return new CliError(
      `The container '${spec.container}' does not exist in the storage account '${spec.account}'. ` +
        (spec.container === '$web'
          ? 'Turn on static website hosting for the account: that creates $web.'
          : 'Create it, or name an existing container in --target.'),
      { cause: error },
    );
  }
  if (e.statusCode === 401 || e.statusCode === 403) {
    return new CliError(
      `Azure refused to ${action} at ${spec.url} (${e.statusCode} ${e.code ?? ''}) with the credentials from ${source}: ${firstLine}\n${CREDENTIAL_HELP}`,
      { cause: error },
    );
  }
  if (e.code === 'ENOTFOUND') {
    return new CliError(
      `Cannot reach the storage account '${spec.account}' (${firstLine}). Check the account name in --target.`,
      { cause: error },
    );
  }
  return error;
}

/**
 * The container of `spec` as a deploy target, with credentials from `env`. The connection is made
 * at the first call; configuration mistakes found without the network throw at once.
 */
export async function azureTarget(
  spec: AzureTargetSpec,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DeployTarget> {
  const { service, source } = await connect(spec, env);
  const container: ContainerClient = service.getContainerClient(spec.container);
  const guard = async <T>(action: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw explain(error, action, spec, source);
    }
  };

  async function* list(): AsyncGenerator<TargetFile> {
    const pages = container.listBlobsFlat().byPage({ maxPageSize: 5000 });
    for (;;) {
      const page = await guard('list the files', () => pages.next());
      if (page.done) return;
      for (const blob of page.value.segment.blobItems) {
        const p = blob.properties;
        const headers: ContentHeaders = {
          contentType: p.contentType ?? '',
          cacheControl: p.cacheControl ?? '',
        };
        if (p.contentEncoding) headers.contentEncoding = p.contentEncoding;
        yield { path: blob.name, bytes: p.contentLength ?? 0, headers, version: unquoted(p.etag ?? '') };
      }
    }
  }

  /**
   * A blob's ETag, which every write of a blob changes, without the quotes responses put around
   * it (listings leave them out); conditions quote it again.
   */
  const etagOf = (response: { etag?: string }, path: string): FileVersion => {
    if (!response.etag) throw new Error(`${spec.url} sent no ETag for ${path}`);
    return unquoted(response.etag);
  };

  /** Resolves to null when the service answers that a condition (or the blob) was not met. */
  const unlessConflict = <T>(call: Promise<T>): Promise<T | null> =>
    call.catch((error: ErrorDetails) => {
      if (error.statusCode === 404 && error.code === 'ContainerNotFound') throw error;
      if (error.statusCode === 404 || error.statusCode === 409 || error.statusCode === 412) return null;
      throw error;
    });

  // The bytes as stored, without decoding: only the deploy's state is read, never compressed.
  function read(path: string): Promise<VersionedFile | null> {
    return guard(`read ${path}`, async () => {
      const blob = container.getBlobClient(path);
      const response = await unlessConflict(blob.download());
      if (!response?.readableStreamBody) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody) chunks.push(chunk as Buffer);
      return { data: Buffer.concat(chunks), version: etagOf(response, path) };
    });
  }

  function httpHeaders(headers: ContentHeaders) {
    return {
      blobContentType: headers.contentType,
      blobCacheControl: headers.cacheControl,
      ...(headers.contentEncoding ? { blobContentEncoding: headers.contentEncoding } : {}),
    };
  }

  function upload(
    path: string,
    source: UploadSource,
    headers: ContentHeaders,
    encoding?: StoredEncoding,
  ): Promise<FileVersion> {
    const blob = container.getBlockBlobClient(path);
    const options = { blobHTTPHeaders: httpHeaders(storedHeaders(headers, encoding)) };
    return guard(`upload ${path}`, async () => {
      if (encoding !== undefined && encoding !== 'gzip')
        throw new Error(`${spec.url} cannot store ${encoding}`);
      if (!encoding) {
        return etagOf(
          'file' in source
            ? await blob.uploadFile(source.file, options)
            : await blob.uploadData(source.data, options),
          path,
        );
      }
      if ('data' in source)
        return etagOf(await blob.uploadData(await storedGzip(source.data), options), path);
      if ((await stat(source.file)).size <= COMPRESS_IN_MEMORY_BYTES) {
        return etagOf(await blob.uploadData(await storedGzip(await readFile(source.file)), options), path);
      }
      const compressed = storedGzipStream(createReadStream(source.file));
      try {
        return etagOf(await blob.uploadStream(compressed, STREAM_BLOCK_BYTES, STREAM_BLOCKS, options), path);
      } finally {
        compressed.destroy();
      }
    });
  }

  /** Writes `data` at `path` if the service finds `conditions` met; the service decides, atomically. */
  function writeIf(
    path: string,
    data: Buffer,
    headers: ContentHeaders,
    conditions: { ifNoneMatch: string } | { ifMatch: string },
  ): Promise<FileVersion | null> {
    const blob = container.getBlockBlobClient(path);
    return guard(`write ${path}`, async () => {
      const response = await unlessConflict(
        blob.uploadData(data, { blobHTTPHeaders: httpHeaders(headers), conditions }),
      );
      return response ? etagOf(response, path) : null;
    });
  }

  function create(path: string, data: Buffer, headers: ContentHeaders): Promise<FileVersion | null> {
    // Only if no blob is there: two writers cannot both succeed.
    return writeIf(path, data, headers, { ifNoneMatch: '*' });
  }

  function replace(path: string, data: Buffer, headers: ContentHeaders, version: FileVersion) {
    return writeIf(path, data, headers, { ifMatch: `"${version}"` });
  }

  function remove(path: string, version?: FileVersion): Promise<boolean> {
    return guard(`delete ${path}`, async () => {
      const blob = container.getBlockBlobClient(path);
      if (version === undefined) return (await blob.deleteIfExists({ deleteSnapshots: 'include' })).succeeded;
      const deleted = await unlessConflict(
        blob.delete({ deleteSnapshots: 'include', conditions: { ifMatch: `"${version}"` } }),
      );
      return deleted !== null;
    });
  }

  return { url: spec.url, compression: 'gzip', list, read, upload, create, replace, delete: remove };
}
