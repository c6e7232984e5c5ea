import * as assert from 'node:assert/strict';
import { MARKER_NAME, gitignoreWithMarker, markerText } from '../../../src/extension/jobs/inFlightMarkerText';

describe('jobs-in-flight marker text', () => {
  it('explains itself in one line and ends with the count', () => {
    const lines = markerText(3).split('\n');
    assert.equal(lines.length, 3, 'explanation, count, final newline');
    assert.match(lines[0]!, /unfinished.*safe/);
    assert.equal(lines[1], 'unfinished jobs: 3');
  });

  it('creates .pruna/.gitignore with only the marker when it is missing', () => {
    assert.equal(gitignoreWithMarker(undefined), `${MARKER_NAME}\n`);
  });

  it('appends the marker to a user\'s file, keeping every line they wrote', () => {
    assert.equal(gitignoreWithMarker('recipes.json\n'), 'recipes.json\njobs-in-flight\n');
    assert.equal(gitignoreWithMarker('# mine\nrecipes.json'), '# mine\nrecipes.json\njobs-in-flight\n');
    assert.equal(gitignoreWithMarker(''), 'jobs-in-flight\n');
  });

  it('keeps Windows line endings in a file that uses them', () => {
    assert.equal(gitignoreWithMarker('a\r\nb\r\n'), 'a\r\nb\r\njobs-in-flight\r\n');
  });

  it('leaves a file that already ignores the marker alone', () => {
    assert.equal(gitignoreWithMarker('jobs-in-flight\n'), undefined);
    assert.equal(gitignoreWithMarker('x\n  /jobs-in-flight  \n'), undefined);
  });
});
