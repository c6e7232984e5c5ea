import * as assert from 'node:assert/strict';
import { backoffDelay, parsePollInterval, parseRetryAfter } from '../../../src/core';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('429 wait parsing', () => {
  it('reads Retry-After in seconds', () => {
    assert.equal(parseRetryAfter({ 'retry-after': '7' }, NOW), 7000);
    assert.equal(parseRetryAfter({ 'retry-after': '0.5' }, NOW), 500);
  });

  it('reads Retry-After as an HTTP date', () => {
    assert.equal(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:12 GMT' }, NOW), 12_000);
  });

  it('reads RateLimit-Reset as seconds until the reset', () => {
    assert.equal(parseRetryAfter({ 'ratelimit-reset': '42' }, NOW), 42_000);
  });

  it('treats a RateLimit-Reset above 1e9 as epoch seconds', () => {
    assert.equal(parseRetryAfter({ 'ratelimit-reset': String(NOW / 1000 + 9) }, NOW), 9000);
  });

  it('prefers Retry-After when both are sent and ignores garbage', () => {
    assert.equal(parseRetryAfter({ 'retry-after': '3', 'ratelimit-reset': '40' }, NOW), 3000);
    assert.equal(parseRetryAfter({ 'retry-after': 'soon' }, NOW), undefined);
    assert.equal(parseRetryAfter({}, NOW), undefined);
  });

  it('never returns a negative wait for a date in the past', () => {
    assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, NOW), 0);
  });

  it('reads X-Poll-Interval as float seconds', () => {
    assert.equal(parsePollInterval({ 'x-poll-interval': '1.5' }), 1500);
    assert.equal(parsePollInterval({ 'x-poll-interval': 'fast' }), undefined);
    assert.equal(parsePollInterval({}), undefined);
  });
});

describe('backoff', () => {
  it('grows exponentially and stays under the cap', () => {
    const o = { baseMs: 500, capMs: 30_000, random: () => 1 };
    assert.deepEqual([0, 1, 2, 3].map((n) => backoffDelay(n, o)), [500, 1000, 2000, 4000]);
    assert.equal(backoffDelay(20, o), 30_000);
  });

  it('jitters between half and all of the step', () => {
    assert.equal(backoffDelay(2, { baseMs: 500, capMs: 30_000, random: () => 0 }), 1000);
    assert.equal(backoffDelay(2, { baseMs: 500, capMs: 30_000, random: () => 0.5 }), 1500);
  });
});
