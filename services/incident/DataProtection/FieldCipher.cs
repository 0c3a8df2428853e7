using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Incident.DataProtection;

/// <summary>
/// AES-GCM sealing of personal fields. A field is sealed in layers, one per key (the incident file's key, then each
/// person it concerns), so deleting any one of those keys makes the field unreadable: that is the shredding.
/// </summary>
public static class FieldCipher
{
    public const string Prefix = "enc:v1:";
    public const string Erased = "[erased]";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static bool IsSealed(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public static string Seal(string plaintext, IReadOnlyList<byte[]> keys, string context)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var aad = Encoding.UTF8.GetBytes(context);
        foreach (var key in keys) data = Seal(key, data, aad);
        return Prefix + Convert.ToBase64String(data);
    }

    /// <summary>The plaintext, the value itself when it was never sealed, or "[erased]" when a key is gone.</summary>
    public static string Open(string value, IReadOnlyList<byte[]?> keys, string context)
    {
        if (!IsSealed(value)) return value;
        if (keys.Any(k => k is null)) return Erased;
        try
        {
            var data = Convert.FromBase64String(value[Prefix.Length..]);
            var aad = Encoding.UTF8.GetBytes(context);
            for (var i = keys.Count - 1; i >= 0; i--) data = Open(keys[i]!, data, aad);
            return Encoding.UTF8.GetString(data);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            // A key that was re-issued after an erasure cannot open what the erased key sealed.
            return Erased;
        }
    }

    public static byte[] Seal(byte[] key, byte[] plaintext, byte[] aad)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), aad);
        return output;
    }

    public static byte[] Open(byte[] key, byte[] sealedData, byte[] aad)
    {
        if (sealedData.Length < NonceSize + TagSize) throw new CryptographicException("The sealed value is truncated.");
        var plaintext = new byte[sealedData.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedData.AsSpan(0, NonceSize), sealedData.AsSpan(NonceSize + TagSize), sealedData.AsSpan(NonceSize, TagSize),
            plaintext, aad);
        return plaintext;
    }
}
