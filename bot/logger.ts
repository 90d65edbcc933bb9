import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Structured JSON logs; pretty-printed for a developer's terminal. Anything that could carry a secret is
 * redacted by path, so a careless `log.info({ req })` still cannot leak a token or an access code.
 */
export function createLogger(options: { level: string; pretty: boolean }, destination?: pino.DestinationStream): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level,
    base: { service: 'pool-assistant' },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        '*.authorization',
        '*.token',
        'token',
        '*.accessCode',
        'accessCode',
        'password',
        '*.password',
        'MicrosoftAppPassword',
        'authKey',
        '*.MicrosoftAppPassword',
        '*.key',
        'key',
      ],
      censor: '[redacted]',
    },
  };
  if (destination) return pino(settings, destination);
  if (options.pretty) settings.transport = { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } };
  return pino(settings);
}
