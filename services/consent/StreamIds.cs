using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Consent;

/// <summary>
/// Stream ids derived from natural keys (per school, since tenants may share stream ids), so "the consent of
/// pupil P for type T" is one stream without a lookup, and defining the same thing twice meets the same stream.
/// </summary>
public static class StreamIds
{
    public static Guid Pupil(string pupilId) => From("pupil", pupilId);
    public static Guid StaffAccounts(string staffId) => From("staff-accounts", staffId);
    public static Guid ConsentType(string code) => From("consent-type", code);
    public static Guid PupilConsent(string pupilId, string typeCode) => From("pupil-consent", pupilId, typeCode);
    public static Guid Aup(string audience) => From("aup", audience);
    public static Guid AupSignatory(string audience, string personId) => From("aup-signatory", audience, personId);
    /// <summary>The school's data-protection facts (subject-access exports).</summary>
    public static readonly Guid DataProtection = From("data-protection");

    private static Guid From(params string[] parts)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30); // RFC 4122 version 3 (name-based, MD5)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
