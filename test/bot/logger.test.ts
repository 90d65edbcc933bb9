import { Writable } from 'node:stream';
import { createLogger } from '../../bot/logger';

describe('logs', () => {
  it('never contain tokens, access codes, passwords or keys, however they are nested', () => {
    let output = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((output += String(chunk)), done()) });
    const log = createLogger({ level: 'info', pretty: false }, sink);
    log.info(
      {
        token: 'tok-123',
        accessCode: 'DG-5512',
        req: { headers: { authorization: 'Bearer abc.def' } },
        grant: { token: 'tok-456' },
        application: { accessCode: 'GZ-1960' },
        settings: { MicrosoftAppPassword: 'pw-1', key: 'cosmos-key' },
        conversationId: 'c-1',
      },
      'something happened',
    );
    for (const secret of ['tok-123', 'tok-456', 'DG-5512', 'GZ-1960', 'abc.def', 'pw-1', 'cosmos-key']) expect(output).not.toContain(secret);
    expect(JSON.parse(output)).toMatchObject({ msg: 'something happened', conversationId: 'c-1', service: 'pool-assistant' });
  });
});
