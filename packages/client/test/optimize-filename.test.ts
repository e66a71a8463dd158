import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optimizedFilename } from '../src/optimize/optimized-filename.js';

describe('optimizedFilename', () => {
  const cases: Array<[string | undefined, 'image/jpeg' | 'image/png', string | undefined]> = [
    ['logo.png', 'image/jpeg', 'logo.jpg'],
    ['LOGO.PNG', 'image/jpeg', 'LOGO.jpg'],
    ['photo.jpeg', 'image/jpeg', 'photo.jpeg'],
    ['photo.JPG', 'image/jpeg', 'photo.JPG'],
    ['photo.jpg', 'image/png', 'photo.png'],
    ['scan.jpe', 'image/png', 'scan.png'],
    ['overlay.png', 'image/png', 'overlay.png'],
    ['download', 'image/jpeg', 'download.jpg'],
    ['my.holiday.pictures', 'image/png', 'my.holiday.pictures.png'],
    [undefined, 'image/jpeg', undefined],
  ];
  for (const [name, type, expected] of cases) {
    it(`names ${name} written as ${type} ${expected}`, () => {
      assert.equal(optimizedFilename(name, type), expected);
    });
  }
});
