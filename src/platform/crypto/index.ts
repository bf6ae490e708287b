/** Public face of the national-cryptography module; import from here, not from the files. */
export { sm3, sm3Hex, hmacSm3, timingSafeEqualHex } from './sm3.js';
export type { BytesInput } from './sm3.js';
export {
  hashPassword,
  verifyPassword,
  needsRehash,
  calibrateIterations,
  MIN_PASSWORD_ITERATIONS,
  MAX_PASSWORD_ITERATIONS,
} from './password-hash.js';
export type { CalibrateOptions } from './password-hash.js';
export { FieldCipher } from './field-cipher.js';
export type { FieldKeyring } from './field-cipher.js';
export { CryptoIntegrityError } from './crypto-integrity-error.js';
export { generateSm2KeyPair, sm2Sign, sm2Verify, SM2_DEFAULT_USER_ID } from './sm2-signer.js';
export type { Sm2KeyPair } from './sm2-signer.js';
export { loadKeyMaterial, addFieldKeyVersion, SECRET_KEY_FILE } from './key-store.js';
export type { KeyMaterial, LoadKeyMaterialOptions } from './key-store.js';
export {
  generateTotpSecret,
  totpCode,
  verifyTotp,
  totpUri,
  generateRecoveryCodes,
  normalizeRecoveryCode,
} from './totp.js';
export type { TotpVerifyResult, TotpUriOptions } from './totp.js';
export { randomToken } from './random.js';
