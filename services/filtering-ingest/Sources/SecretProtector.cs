using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TrustSafety.FilteringIngest.Sources;

/// <summary>
/// Source secrets are encrypted, not hashed: HMAC verification needs the key itself. AES-256-GCM with a key from
/// Ingest:SecretEncryptionKey; stored as base64(nonce | tag | ciphertext).
/// </summary>
public sealed class SecretProtector(IOptions<IngestOptions> options)
{
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.SecretEncryptionKey));

    /// <summary>A new Standard Webhooks secret: "whsec_" + base64 of 32 random bytes.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Encrypt(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plain.Length];
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plain, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Decrypt(string stored)
    {
        var bytes = Convert.FromBase64String(stored);
        var plain = new byte[bytes.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(28), bytes.AsSpan(12, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
