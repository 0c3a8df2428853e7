using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Governance;

/// <summary>
/// Stream ids derived from natural keys (per school, since tenants may share stream ids), so "the training of
/// person P" is one stream without a lookup, and defining the same thing twice meets the same stream.
/// </summary>
public static class StreamIds
{
    public static Guid Person(string personId) => From("training-person", personId);
    public static Guid Policy(string code) => From("policy", code);
    /// <summary>The school's training requirements per role (one stream per school).</summary>
    public static readonly Guid TrainingRequirements = From("training-requirements");

    private static Guid From(params string[] parts)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30); // RFC 4122 version 3 (name-based, MD5)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
