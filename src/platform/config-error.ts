// The error of a bad config file or setting: its message names the file and the key (`<file>: pricing."x".input …`).
export class ConfigError extends Error {
  override name = 'ConfigError';
}
