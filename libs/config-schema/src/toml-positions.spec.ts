import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { indexTomlPositions } from './toml-positions';

const doc = `# comment with [brackets] and key = value
title = """
multi-line [not.a.table]
x = 1
"""
"quoted.key" = 'lit'
[a.b]
c = [
  1, # comment
  { d = { e = 2 } },
]
[[arr]]
k = 1
[[arr]]
k = 2
[arr.sub]
s = "x#y"
after = 3
`;

describe('indexTomlPositions', () => {
  const positions = indexTomlPositions(doc);
  const at = (key: string) => positions.get(key);

  test('finds keys after multi-line strings and comments', () => {
    assert.deepEqual(at('title'), { line: 2, col: 1 });
    assert.deepEqual(at('quoted.key'), { line: 6, col: 1 });
    assert.equal(at('not.a.table'), undefined);
    assert.equal(at('x'), undefined);
  });

  test('finds table headers, array elements and nested inline tables', () => {
    assert.deepEqual(at('a.b'), { line: 7, col: 1 });
    assert.deepEqual(at('a.b.c[1]'), { line: 10, col: 3 });
    assert.deepEqual(at('a.b.c[1].d.e'), { line: 10, col: 11 });
  });

  test('numbers arrays of tables and resolves sub-tables to the last element', () => {
    assert.deepEqual(at('arr[0].k'), { line: 13, col: 1 });
    assert.deepEqual(at('arr[1]'), { line: 14, col: 1 });
    assert.deepEqual(at('arr[1].sub.s'), { line: 17, col: 1 });
    assert.deepEqual(at('arr[1].sub.after'), { line: 18, col: 1 });
  });
});
