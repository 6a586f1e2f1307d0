import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRedisTarget } from './redis-target';

test('one server: redis:// and rediss:// URLs pass through as they are', () => {
  assert.deepEqual(parseRedisTarget('redis://127.0.0.1:6390'), { kind: 'single', url: 'redis://127.0.0.1:6390' });
  assert.equal(parseRedisTarget('rediss://u:p@cache.example:6380/0').kind, 'single');
});

test('a cluster: seed nodes, TLS from the scheme, credentials from the user info', () => {
  assert.deepEqual(parseRedisTarget('redis-cluster://127.0.0.1:6400,127.0.0.1:6401'), {
    kind: 'cluster',
    nodes: [
      { host: '127.0.0.1', port: 6400 },
      { host: '127.0.0.1', port: 6401 },
    ],
    tls: false,
  });
  assert.deepEqual(parseRedisTarget('rediss-cluster://game:s%40cret@a.example:6379,[::1]:7000/'), {
    kind: 'cluster',
    nodes: [
      { host: 'a.example', port: 6379 },
      { host: '::1', port: 7000 },
    ],
    tls: true,
    username: 'game',
    password: 's@cret',
  });
});

test('anything else is refused with a message naming the accepted forms or the bad node', () => {
  assert.throws(() => parseRedisTarget('http://127.0.0.1:6390'), /redis:\/\/host:port .*redis-cluster:\/\//);
  assert.throws(() => parseRedisTarget('127.0.0.1:6390'), /redis:\/\/host:port/);
  assert.throws(() => parseRedisTarget('redis-cluster://127.0.0.1'), /cluster node "127.0.0.1" is not host:port/);
  assert.throws(() => parseRedisTarget('redis-cluster://a:1,b:99999'), /cluster node "b:99999"/);
});
