using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Incident.DataProtection;

/// <summary>
/// AES-GCM sealing of personal fields.
/// <list type="bullet">
/// <item><c>enc:v1:</c> layers, one per key (the incident file's key, then each person it concerns): deleting any one
/// of those keys makes the field unreadable. A person's own fields (name, date of birth).</item>
/// <item><c>enc:v2:</c> shared text (the narrative, case work): a content key wrapped under each involved person's key,
/// all inside the file's layer. It reads while the file's key and at least one involved person's key remain, so erasing
/// one child leaves the record of the others; erasing the last of them, or disposing of the file, shreds it.</item>
/// </list>
/// </summary>
public static class FieldCipher
{
    public const string Prefix = "enc:v1:";
    public const string SharedPrefix = "enc:v2:";
    public const string Erased = "[erased]";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;
    private const int WrappedKeySize = NonceSize + TagSize + KeySize;

    /// <summary>A composed text (e.g. a timeline summary) quoting a sealed value.</summary>
    public static bool ContainsSealed(string value) =>
        value.Contains(Prefix, StringComparison.Ordinal) || value.Contains(SharedPrefix, StringComparison.Ordinal);

    public static bool IsSealed(string? value) =>
        value?.StartsWith(Prefix, StringComparison.Ordinal) == true || value?.StartsWith(SharedPrefix, StringComparison.Ordinal) == true;

    /// <summary>Text shared by the people involved: readable with the file's key and any one of theirs.</summary>
    public static string SealShared(string plaintext, byte[] fileKey, IReadOnlyList<byte[]> personKeys, string context)
    {
        if (personKeys.Count > byte.MaxValue) throw new ArgumentOutOfRangeException(nameof(personKeys), "At most 255 people per field.");
        var aad = Encoding.UTF8.GetBytes(context);
        var contentKey = RandomNumberGenerator.GetBytes(KeySize);
        var body = Seal(contentKey, Encoding.UTF8.GetBytes(plaintext), aad);
        // Nobody involved: the content key sits inside the file's layer on its own (count 0).
        var wrapped = personKeys.Count == 0 ? [contentKey] : personKeys.Select(k => Seal(k, contentKey, aad)).ToList();
        var envelope = new byte[1 + wrapped.Sum(w => w.Length) + body.Length];
        envelope[0] = (byte)personKeys.Count;
        var at = 1;
        foreach (var w in wrapped.Append(body)) { w.CopyTo(envelope, at); at += w.Length; }
        return SharedPrefix + Convert.ToBase64String(Seal(fileKey, envelope, aad));
    }

    /// <summary>
    /// Opens either form: v1 needs the file's key and every person's key given (in sealing order), v2 the file's key and
    /// any one of them. The plaintext, the value itself when it was never sealed, or "[erased]".
    /// </summary>
    public static string Open(string value, byte[]? fileKey, IReadOnlyList<byte[]?> personKeys, string context)
    {
        if (!value.StartsWith(SharedPrefix, StringComparison.Ordinal)) return Open(value, [fileKey, .. personKeys], context);
        if (fileKey is null) return Erased;
        try
        {
            var aad = Encoding.UTF8.GetBytes(context);
            var envelope = Open(fileKey, Convert.FromBase64String(value[SharedPrefix.Length..]), aad);
            int count = envelope[0];
            var bodyAt = 1 + (count == 0 ? KeySize : count * WrappedKeySize);
            var contentKey = count == 0 ? envelope[1..bodyAt] : Unwrap(envelope, count, personKeys, aad);
            return contentKey is null ? Erased : Encoding.UTF8.GetString(Open(contentKey, envelope[bodyAt..], aad));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or IndexOutOfRangeException or ArgumentException)
        {
            return Erased;
        }
    }

    private static byte[]? Unwrap(byte[] envelope, int count, IReadOnlyList<byte[]?> personKeys, byte[] aad)
    {
        for (var n = 0; n < count; n++)
        {
            var wrapped = envelope.AsSpan(1 + n * WrappedKeySize, WrappedKeySize).ToArray();
            foreach (var key in personKeys.OfType<byte[]>())
            {
                try { return Open(key, wrapped, aad); }
                catch (CryptographicException) { } // another person's entry, or a key issued after an erasure
            }
        }
        return null;
    }

    public static string Seal(string plaintext, IReadOnlyList<byte[]> keys, string context)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var aad = Encoding.UTF8.GetBytes(context);
        foreach (var key in keys) data = Seal(key, data, aad);
        return Prefix + Convert.ToBase64String(data);
    }

    /// <summary>
    /// The plaintext, the value itself when it was never sealed, or "[erased]" when a key is gone. Keys: the file's first,
    /// then the people's (v1: all are needed; v2: the file's and any one of the people's).
    /// </summary>
    public static string Open(string value, IReadOnlyList<byte[]?> keys, string context)
    {
        if (value.StartsWith(SharedPrefix, StringComparison.Ordinal))
            return keys.Count == 0 ? Erased : Open(value, keys[0], keys.Skip(1).ToList(), context);
        if (!value.StartsWith(Prefix, StringComparison.Ordinal)) return value;
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
