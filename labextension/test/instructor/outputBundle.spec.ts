import { outputBundle } from '../../src/instructor/outputBundle';

describe("a student's outputs for rendermime", () => {
  it('streams and errors become text', () => {
    expect(
      outputBundle({
        output_type: 'stream',
        name: 'stdout',
        text: ['a\n', 'b']
      })
    ).toEqual({ 'application/vnd.jupyter.stdout': 'a\nb' });
    expect(
      outputBundle({
        output_type: 'error',
        ename: 'E',
        evalue: 'v',
        traceback: ['t1', 't2']
      })
    ).toEqual({ 'application/vnd.jupyter.stderr': 't1\nt2\n' });
  });

  it('keeps text and JSON data, drops what no renderer reads', () => {
    expect(
      outputBundle({
        output_type: 'display_data',
        data: {
          'text/plain': ['1', '2'],
          'application/json': { a: 1 },
          'image/png': 7
        }
      })
    ).toEqual({ 'text/plain': '12', 'application/json': { a: 1 } });
  });

  it('ignores outputs that are not objects or have no data', () => {
    expect(outputBundle('x')).toBeNull();
    expect(outputBundle(null)).toBeNull();
    expect(
      outputBundle({ output_type: 'execute_result', data: [1] })
    ).toBeNull();
    expect(
      outputBundle({ output_type: 'display_data', data: { 'image/png': 1 } })
    ).toBeNull();
  });
});
