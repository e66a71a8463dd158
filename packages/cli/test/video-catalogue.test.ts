import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '@heygen-assets/testkit';
import { linesOf, runCli } from './support/run-cli.js';

let server: TestServer;
let env: Record<string, string>;

before(async () => {
  server = await startTestServer();
  env = { HEYGEN_API_KEY: server.apiKey, HEYGEN_API_BASE: server.url };
});

after(() => server.close());

describe('heygen-assets video avatars', () => {
  test('prints the built-in avatars as an aligned table with a heading', async () => {
    const result = await runCli(['video', 'avatars'], env);

    assert.equal(result.exitCode, 0);
    assert.equal(result.stderr, '');
    assert.deepEqual(linesOf(result.stdout), [
      'ID                     NAME   GENDER  DEFAULT VOICE',
      'josh_lite3_20230714    Josh   male    1bd001e7e50f421d891986aad5158bc8',
      'amira_studio_20240301  Amira  female  f3c1a6b2d54e4c0f9a7b8e2d1c6f5a40',
      'leo_casual_20240301    Leo    male    7a2e9d4c1b8f4e6a9c3d5b0e8f1a2c7d',
    ]);
  });

  test('with --json prints one object per avatar with the API field names', async () => {
    const result = await runCli(['video', 'avatars', '--json'], env);

    assert.equal(result.exitCode, 0);
    assert.equal(result.stderr, '');
    const avatars = linesOf(result.stdout).map((line) => JSON.parse(line));
    assert.equal(avatars.length, 3);
    assert.deepEqual(avatars[0], {
      avatar_id: 'josh_lite3_20230714',
      avatar_name: 'Josh',
      gender: 'male',
      preview_image_url: null,
      preview_video_url: null,
      default_voice_id: '1bd001e7e50f421d891986aad5158bc8',
    });
    assert.deepEqual(
      avatars.map((avatar) => avatar.avatar_id),
      ['josh_lite3_20230714', 'amira_studio_20240301', 'leo_casual_20240301'],
    );
  });
});

describe('heygen-assets video voices', () => {
  test('prints the built-in voices as an aligned table with a heading', async () => {
    const result = await runCli(['video', 'voices'], env);

    assert.equal(result.exitCode, 0);
    assert.equal(result.stderr, '');
    assert.deepEqual(linesOf(result.stdout), [
      'ID                                NAME         LANGUAGE  GENDER',
      '1bd001e7e50f421d891986aad5158bc8  Narrator     English   male',
      'f3c1a6b2d54e4c0f9a7b8e2d1c6f5a40  Presenter    English   female',
      '7a2e9d4c1b8f4e6a9c3d5b0e8f1a2c7d  Storyteller  English   male',
    ]);
  });

  test('with --json prints one object per voice with the API field names', async () => {
    const result = await runCli(['video', 'voices', '--json'], env);

    assert.equal(result.exitCode, 0);
    assert.equal(result.stderr, '');
    const voices = linesOf(result.stdout).map((line) => JSON.parse(line));
    assert.equal(voices.length, 3);
    assert.deepEqual(voices[0], {
      voice_id: '1bd001e7e50f421d891986aad5158bc8',
      name: 'Narrator',
      language: 'English',
      gender: 'male',
      preview_audio: null,
      support_pause: false,
      emotion_support: false,
    });
  });
});

describe('catalogue commands fail as every command does', () => {
  test('a wrong key exits 3 with the server message and a hint on stderr', async () => {
    for (const command of ['avatars', 'voices']) {
      const result = await runCli(['video', command], { ...env, HEYGEN_API_KEY: 'wrong' });

      assert.equal(result.exitCode, 3);
      assert.equal(result.stdout, '');
      const lines = linesOf(result.stderr);
      assert.equal(lines.length, 2);
      assert.match(lines[0] ?? '', /^heygen-assets: unauthorized: The API key is not valid\./);
      assert.equal(
        lines[1],
        '  hint: Check that HEYGEN_API_KEY is a key of the server HEYGEN_API_BASE points at.',
      );
    }
  });

  test('a wrong key under --json is one JSON error object on stderr', async () => {
    const result = await runCli(['video', 'voices', '--json'], { ...env, HEYGEN_API_KEY: 'wrong' });

    assert.equal(result.exitCode, 3);
    assert.equal(result.stdout, '');
    const lines = linesOf(result.stderr);
    assert.equal(lines.length, 1);
    const problem = JSON.parse(lines[0] ?? '');
    assert.equal(problem.error.code, 'unauthorized');
    assert.equal(problem.error.status, 401);
    assert.equal(
      problem.error.hint,
      'Check that HEYGEN_API_KEY is a key of the server HEYGEN_API_BASE points at.',
    );
  });

  test('a missing HEYGEN_API_KEY exits 3 before any request', async () => {
    const result = await runCli(['video', 'avatars'], { ...env, HEYGEN_API_KEY: undefined });

    assert.equal(result.exitCode, 3);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /HEYGEN_API_KEY/);
  });
});
