import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENGINE_VERSION } from '../../src/engine/version';
import { ENGINE_VERSION as EXPORTED } from '../../src/engine';

// import.meta.url is not a file: URL under happy-dom; Vitest sets import.meta.dirname.
const ROOT = resolve(import.meta.dirname, '../..');
const readJson = (name: string): { version: string } => JSON.parse(readFileSync(resolve(ROOT, name), 'utf8')) as { version: string };

describe('versions agree', () => {
  const pkg = readJson('package.json');
  const manifest = readJson('manifest.json');

  it('ENGINE_VERSION is a semantic version', () => {
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("ENGINE_VERSION equals package.json's version", () => {
    expect(ENGINE_VERSION).toBe(pkg.version);
  });

  it("manifest.json's version equals it too", () => {
    expect(manifest.version).toBe(ENGINE_VERSION);
    expect(manifest.version).toBe(pkg.version);
  });

  it('the engine entry point exports the same constant', () => {
    expect(EXPORTED).toBe(ENGINE_VERSION);
  });
});
