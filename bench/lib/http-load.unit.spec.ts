import { parseAnswer } from './http-load';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('parseAnswer (the load generator reading one HTTP/1.1 answer)', () => {
  it('given a whole Content-Length answer, when parsed, then it ends after the body and carries the status', () => {
    const answer = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}';
    expect(parseAnswer(bytes(answer))).toEqual({ status: 200, length: answer.length });
  });

  it('given an answer whose body has not fully arrived, when parsed, then it waits for more bytes', () => {
    expect(parseAnswer(bytes('HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\n{"ok":'))).toBeUndefined();
    expect(parseAnswer(bytes('HTTP/1.1 200 OK\r\ncontent-len'))).toBeUndefined();
  });

  it('given two answers in one read, when parsed, then only the first is consumed', () => {
    const first = 'HTTP/1.1 429 Too Many Requests\r\ncontent-length: 2\r\n\r\n{}';
    expect(parseAnswer(bytes(`${first}HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}`))).toEqual({ status: 429, length: first.length });
  });

  it('given a chunked answer, when parsed, then it ends after the zero-length chunk, not before', () => {
    const chunked = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nb\r\n{"ok":true}\r\n0\r\n\r\n';
    expect(parseAnswer(bytes(chunked))).toEqual({ status: 200, length: chunked.length });
    expect(parseAnswer(bytes(chunked.slice(0, -3)))).toBeUndefined();
  });

  it('given a 204 without framing headers, when parsed, then it ends with its head', () => {
    const head = 'HTTP/1.1 204 No Content\r\ndate: now\r\n\r\n';
    expect(parseAnswer(bytes(head))).toEqual({ status: 204, length: head.length });
  });

  it('given a 200 that says neither its length nor chunked, when parsed, then it refuses instead of guessing', () => {
    expect(() => parseAnswer(bytes('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{}'))).toThrow('without Content-Length');
  });
});
