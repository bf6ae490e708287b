/**
 * Thrown when ciphertext fails authentication or cannot be attributed to a
 * known key. Callers should treat it as "data was tampered with or belongs to
 * another installation" and never fall back to using the data.
 */
export class CryptoIntegrityError extends Error {
  override readonly name = 'CryptoIntegrityError';
  readonly code = 'CRYPTO_INTEGRITY';

  constructor(message: string) {
    super(message);
  }
}
