/**
 * `tidende publish [--extract FILE...] --target URL [--as-of DATETIME]`: the weekly loop in one
 * command, under a lock at the target: ingest the new extracts, check the mappings (refusing below
 * the coverage threshold), build the site and the open data incrementally, verify what will be
 * published (ST.96 XML against the XSD, the catalog against DCAT-AP-NO, the data package against
 * its files), then deploy what changed. Run twice with nothing new, it uploads nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, requireReadable, requireWritable, usageError } from '../../src/lib/cli-error.ts';
import { CATALOG_TURTLE } from '../../src/lib/datasets/dcat-catalog.ts';
import { validateCatalog } from '../../src/lib/datasets/validate-catalog.ts';
import { MANIFEST_PATH } from '../../src/lib/deploy/deploy-manifest.ts';
import type { DeployPlan } from '../../src/lib/deploy/deploy-plan.ts';
import { formatSummary } from '../../src/lib/deploy/deploy-report.ts';
import type { DeployTarget } from '../../src/lib/deploy/deploy-target.ts';
import { readLiveIssues, writeLiveIssues } from '../../src/lib/deploy/live-issues.ts';
import { acquirePublishLock } from '../../src/lib/deploy/publish-lock.ts';
import { executeDeploy, prepareDeploy } from '../../src/lib/deploy/run-deploy.ts';
import { isPreview, type LockedIssue, lockedIssues } from '../../src/lib/gazette/issue-lock.ts';
import { issueDueAt } from '../../src/lib/gazette/issue-week.ts';
import { validateSt96 } from '../../src/lib/st96/validate-st96.ts';
import { DCAT_AP_NO_SHAPES_DIR, ST96_SCHEMA_DIR } from '../../src/lib/standards/official-files.ts';
import { openEventStore, requireExistingStore, resolveStorePath } from '../../src/lib/store/event-store.ts';
import { openTarget } from './deploy.ts';
import type { CommandArgs } from './index.ts';
import { asOfOption, deletionGuardOption, stringOption } from './parse-options.ts';

/** Runs another command as publish's step; a refusal of that command is publish's refusal. */
async function step(
  name: string,
  load: () => Promise<{ run(args: CommandArgs): Promise<number> }>,
  args: CommandArgs,
): Promise<number> {
  process.stdout.write(`\n== ${name}\n`);
  return (await load()).run(args);
}

/** A step that must succeed: any other exit code stops the publish before anything goes out. */
async function requiredStep(...args: Parameters<typeof step>): Promise<void> {
  const code = await step(...args);
  if (code !== 0) throw new CliError(`The ${args[0]} step ended with code ${code}; nothing was deployed.`);
}

/** A folder option read from the command line, then the environment, else the copy in standards/. */
function standardsDirOption(args: CommandArgs, option: string, env: string, fallback: string): string {
  return stringOption(args, option) ?? process.env[env] ?? fallback;
}

/** The ST.96 files the deploy would upload: those already published were verified when they went out. */
function xmlToVerify(plan: DeployPlan): string[] {
  return plan.phases
    .flatMap((phase) => phase.uploads)
    .filter((upload) => /^data\/.*\.xml$/.test(upload.path))
    .map((upload) => upload.file);
}

/** Checks what is about to go out; throws naming every problem. */
async function verify(outDir: string, plan: DeployPlan, st96Schema: string, dcatShapes: string) {
  const problems: string[] = [];
  const xml = xmlToVerify(plan);
  for (const result of await validateSt96(xml, st96Schema)) {
    for (const error of result.errors) problems.push(`${result.file}:${error.line}: ${error.message}`);
  }
  const catalog = await readFile(join(outDir, 'data', CATALOG_TURTLE), 'utf8').catch(() => null);
  if (catalog === null) problems.push(`${join(outDir, 'data', CATALOG_TURTLE)}: missing`);
  else {
    const result = await validateCatalog(catalog, dcatShapes);
    for (const v of result.violations.filter((v) => v.severity === 'Violation')) {
      problems.push(`${CATALOG_TURTLE}: ${v.focusNode} ${v.path ?? ''}: ${v.message}`);
    }
  }
  // The deploy hashed every file it would upload: each must be what datapackage.json says.
  const packageFile = join(outDir, 'data', 'datapackage.json');
  const descriptor = JSON.parse(await readFile(packageFile, 'utf8')) as {
    resources: { path: string; bytes: number; hash: string }[];
  };
  const uploads = new Map(plan.phases.flatMap((p) => p.uploads).map((u) => [u.path, u]));
  for (const resource of descriptor.resources) {
    const upload = uploads.get(`data/${resource.path}`);
    if (upload && (upload.bytes !== resource.bytes || `sha256:${upload.sha256}` !== resource.hash)) {
      problems.push(`${packageFile}: ${resource.path} is described with other bytes or hash than it has`);
    }
  }
  if (problems.length > 0) {
    for (const problem of problems.slice(0, 50)) process.stderr.write(`${problem}\n`);
    throw new CliError(
      `Verification found ${problems.length} problems (the first 50 above); nothing was deployed.`,
    );
  }
  process.stdout.write(
    `verified: ${xml.length} new or changed ST.96 files valid against the XSD, the catalog against DCAT-AP-NO, ` +
      `${descriptor.resources.length} data package resources\n`,
  );
}

/** The issues locked in the store at `path`; none when there is no store yet. */
async function storeLocks(path: string): Promise<LockedIssue[]> {
  const store = await openEventStore(path, { readOnly: true });
  try {
    return await lockedIssues(store);
  } finally {
    store.closeSync();
  }
}

/**
 * Checks, before anything is built, that this store may publish to `target`: the target is a
 * witness of the issues it published (live-issues.ts), and the store must hold every one of them
 * as it was published, and `due` must not be earlier than the latest of them. A new gazette
 * (`bootstrap`) starts only at a target that holds none.
 */
async function checkAgainstLive(target: DeployTarget, storePath: string, due: string, bootstrap: boolean) {
  const live = await readLiveIssues(target);
  // A target that records live issues holds a gazette; only one without the record (new, or
  // published by an earlier version) is asked for its manifest, which can be large.
  const deployed = live !== null || (await target.read(MANIFEST_PATH)) !== null;
  if (bootstrap) {
    if (deployed)
      throw new CliError(
        `--bootstrap starts a new gazette, but ${target.url} already holds one${live?.latest ? ` (latest issue ${live.latest})` : ''}. ` +
          'Publish to it without --bootstrap, with the event store that published it. Nothing was changed.',
      );
    return;
  }
  if (!deployed)
    throw new CliError(
      `${target.url} holds no gazette that Tidende published. To start a new one there, run with --bootstrap. Nothing was changed.`,
    );
  if (live === null) {
    process.stderr.write(
      `publish: ${target.url} records no live issues yet (an earlier version published it); this publish records them.\n`,
    );
    return;
  }
  if (live.latest !== undefined && due < live.latest)
    throw new CliError(
      `As of then, issue ${due} would be the latest due, but issue ${live.latest} is already live at ${target.url}: ` +
        'publishing would take the gazette back and remove published issues. Publish as of now (leave out --as-of). Nothing was changed.',
    );
  const problems = live.problemsWith(await storeLocks(storePath));
  if (problems.length > 0)
    throw new CliError(
      `Refused to publish to ${target.url} with the event store ${storePath}: ${problems.join('; ')}. ` +
        'This store did not publish what is live there: a new store, one restored from an older backup, or one that lost its ' +
        'locks would publish another history over it. Restore the store that published them (see "Operations" in the README). Nothing was changed.',
    );
}

export async function run(args: CommandArgs): Promise<number> {
  const url = stringOption(args, 'target');
  if (!url) usageError("Say where to publish: --target file:///PATH or 'azure://ACCOUNT/$web'.", 'publish');
  const asOf = asOfOption(args, 'publish');
  const st96Schema = standardsDirOption(args, 'st96-schema', 'TIDENDE_ST96_SCHEMA', ST96_SCHEMA_DIR);
  const dcatShapes = standardsDirOption(args, 'dcat-shapes', 'TIDENDE_DCAT_SHAPES', DCAT_AP_NO_SHAPES_DIR);
  const bootstrap = Boolean(args.values.bootstrap);
  const guard = { ...deletionGuardOption(args, 'publish'), expect: bootstrap ? 'empty' : 'live' } as const;
  if (isPreview(asOf)) {
    throw new CliError(
      `--as-of ${asOf.toISOString()} is later than now: publish puts out what is due now, and publishing ahead would lock issues still open. Preview a later issue with tidende build --as-of.`,
    );
  }
  const extracts = (args.values.extract as string[] | undefined) ?? [];
  const storePath = resolveStorePath(stringOption(args, 'store'));
  requireWritable(storePath, 'file');
  // A missing store is a lost one (a failed download, a wrong path), unless a new gazette starts.
  if (!bootstrap) requireExistingStore(storePath);
  const mappings = stringOption(args, 'mappings') ?? 'mappings';
  const outDir = stringOption(args, 'out') ?? join(storePath, '..', 'site');
  // Paths given in words before the target is locked, not halfway through the run.
  for (const extract of extracts) requireReadable(extract, 'file');
  for (const dir of [mappings, st96Schema, dcatShapes]) requireReadable(dir, 'folder');
  requireWritable(outDir, 'folder');
  const common = { store: storePath, mappings };
  const started = performance.now();

  const target = await openTarget(url);
  const lock = await acquirePublishLock(target);
  try {
    const due = issueDueAt(asOf);
    process.stdout.write(
      `publish to ${target.url} as of ${asOf.toISOString()}: issue ${due} is the latest due\n`,
    );
    await checkAgainstLive(target, storePath, due, bootstrap);
    if (extracts.length > 0) {
      const code = await step('ingest', () => import('./ingest.ts'), {
        values: { store: storePath },
        positionals: extracts,
      });
      // Refused lines are in the quarantine; what was accepted is published, as every week.
      if (code !== 0) process.stderr.write('Some lines were refused (see above); publishing the rest.\n');
    }
    await requiredStep('mappings', () => import('./mappings.ts'), {
      values: { ...common, 'min-coverage': stringOption(args, 'min-coverage') },
      positionals: ['check'],
    });
    await requiredStep('build', () => import('./build.ts'), {
      values: {
        ...common,
        out: outDir,
        'as-of': asOf.toISOString(),
        'site-url': stringOption(args, 'site-url'),
      },
      positionals: [],
    });
    process.stdout.write('\n== verify and deploy\n');
    const plan = await prepareDeploy(outDir, target, { guard });
    await verify(outDir, plan, st96Schema, dcatShapes);
    await lock.confirm();
    const summary = await executeDeploy(plan, target);
    // Once the issues are out, the target witnesses them for the next publish.
    await writeLiveIssues(target, await storeLocks(storePath));
    process.stdout.write(formatSummary(summary, outDir));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`published ${outDir} to ${target.url} in ${seconds} s\n`);
  } finally {
    await lock.release();
  }
  return 0;
}
