import { isMap, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { YamlProblems } from './yaml-problems.js';

describe('YamlProblems', () => {
  it('reports problems in file order as file:line:col, with cross-reference positions', () => {
    const problems = new YamlProblems('x.yaml');
    const doc = problems.parse('a: 1\nb:\n  c: 2\n')!;
    const root = doc.contents as Node;
    expect(isMap(root)).toBe(true);
    const b = doc.getIn(['b'], true) as Node;
    problems.report(b, `b is wrong (see ${problems.where(root)})`);
    problems.report(root, 'root is wrong');
    problems.report(undefined, 'no node', 5);
    expect(problems.count).toBe(3);
    expect(problems.lines()).toEqual(['x.yaml:1:1 root is wrong', 'x.yaml:2:1 no node', 'x.yaml:3:3 b is wrong (see 1:1)']);
    const error = problems.toError('thing', 'fix it');
    expect(error.message).toBe('Invalid thing x.yaml (3 problems)');
    expect(error.problems).toHaveLength(3);
    expect(error.hint).toBe('fix it');
  });

  it('turns syntax errors into problems, with an optional message of its own', () => {
    const problems = new YamlProblems('y.yaml');
    expect(problems.parse('a: 1\n---\nb: 2\n', { syntaxMessage: (e) => (e.code === 'MULTIPLE_DOCS' ? 'one document only' : e.message) })).toBeUndefined();
    expect(problems.lines()).toEqual(['y.yaml:2:1 one document only']);
    expect(problems.toError('file', 'h').message).toBe('Invalid file y.yaml (1 problem)');
  });
});
