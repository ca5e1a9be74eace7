/** Log-in test, test message and remembered passwords: the engine's credential-carrying parts. */
export { loginTest, type LoginOptions } from './login-test.js';
export { loginTestAnyProtocol } from './any-protocol.js';
export { sendTestMessage, queueIdOf, testMessage } from './send-test.js';
export { SecretStore, secretKey, type SecretCipher } from './secret-store.js';
