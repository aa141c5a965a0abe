import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { StackError } from '../../runtime/core/errors.js';
import type { MavenInput } from './kit-plan.js';

const dependencyPlugin = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
/**
 * `copy` of a single archive. 3.x reads the artifact's POM hierarchy first and fails when a parent
 * POM is missing from Central (Apicurio 3.0.9's is); 2.10 copies the file alone.
 */
const archiveCopyPlugin = 'org.apache.maven.plugins:maven-dependency-plugin:2.10';

function dependencyXml(coordinate: string): string {
  const [groupId, artifactId, version, type, classifier] = coordinate.split(':');
  return [
    '<dependency>',
    `<groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version>`,
    type ? `<type>${type}</type>` : '',
    classifier ? `<classifier>${classifier}</classifier>` : '',
    '</dependency>',
  ].join('');
}

function throwawayPom(coordinates: string[]): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kafka-sandbox.kit</groupId><artifactId>resolve</artifactId><version>0</version>
  <packaging>pom</packaging>
  <dependencies>${coordinates.map(dependencyXml).join('\n')}</dependencies>
</project>
`;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

async function runMaven(args: string[], cwd: string, coordinates: string[]): Promise<void> {
  const result = await execa('mvn', ['-B', '-q', ...args], { cwd, reject: false, all: true });
  if (result.exitCode !== 0) {
    const tail = (result.all ?? '').split('\n').filter((line) => line.includes('ERROR')).slice(-8).join('\n');
    throw new StackError(`Maven could not resolve ${coordinates.join(', ')}`, {
      hint: 'Check that Maven Central (or your mirror in ~/.m2/settings.xml) is reachable and the coordinates exist.',
      nextSteps: tail ? [tail] : [],
    });
  }
}

/** Resolves one kit Maven input into `<context>/<input.into>`, as stacks/kit/README.md describes. */
export async function resolveMavenInput(input: MavenInput, context: string, scratch: string): Promise<void> {
  const target = join(context, input.into);
  await mkdir(target, { recursive: true });
  await mkdir(scratch, { recursive: true });
  if (input.jars) {
    await writeFile(join(scratch, 'pom.xml'), throwawayPom(input.jars));
    await runMaven(
      [`${dependencyPlugin}:copy-dependencies`, '-DincludeScope=runtime', `-DoutputDirectory=${target}`],
      scratch,
      input.jars,
    );
  }
  if (input.archive) {
    const downloads = join(scratch, 'archive');
    await rm(downloads, { recursive: true, force: true });
    await runMaven(
      [`${archiveCopyPlugin}:copy`, `-Dartifact=${input.archive}`, `-DoutputDirectory=${downloads}`],
      scratch,
      [input.archive],
    );
    for (const file of await readdir(downloads)) {
      const path = join(downloads, file);
      const extract = file.endsWith('.zip') ? execa('unzip', ['-q', '-o', path, '-d', target]) : execa('tar', ['-xzf', path, '-C', target]);
      await extract;
    }
  }
  if (input.exclude?.length) {
    const patterns = input.exclude.map(globToRegExp);
    for (const file of await readdir(target)) {
      if (patterns.some((pattern) => pattern.test(file))) await rm(join(target, file), { recursive: true });
    }
  }
}
