using System.Security.Cryptography;
using System.Text;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;

namespace TrustSafety.Incident.DataProtection;

/// <summary>The school's data keys: issued on first use, unwrapped for reading, destroyed by erasure or disposal.</summary>
public sealed class Keyring(IDocumentStore store, KeyEncryptionKeys keks, TimeProvider clock)
{
    /// <summary>
    /// Keys to seal new data with, committed in their own transaction before the data that uses them (a key whose
    /// data never commits is harmless). A subject erased earlier gets a new key; its old records stay unreadable.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> ForSealingAsync(
        string tenant, IReadOnlyCollection<string> subjects, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(tenant);
            var keys = (await session.LoadManyAsync<PersonDataKey>(ct, subjects.ToArray())).ToDictionary(k => k.Id, StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            foreach (var subject in subjects)
            {
                if (keys.TryGetValue(subject, out var key) && key.WrappedKey is not null) continue;
                var issued = key ?? new PersonDataKey { Id = subject };
                issued.WrappedKey = WrapWith(keks.Current, tenant, subject, RandomNumberGenerator.GetBytes(32));
                issued.KekId = keks.CurrentId;
                issued.CreatedAt = now;
                issued.ErasedAt = null;
                if (key is null) session.Insert(issued);
                else session.Update(issued);
                keys[subject] = issued;
            }
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (attempt < 4 && ex is DocumentAlreadyExistsException or ConcurrencyException)
            {
                continue; // another request issued the same key first: use theirs
            }
            return keys.ToDictionary(k => k.Key, k => UnwrapWith(keks, tenant, k.Key, k.Value.WrappedKey!, k.Value.KekId), StringComparer.Ordinal);
        }
    }

    public async Task<OpenKeys> ForOpeningAsync(IQuerySession session, IEnumerable<string> subjects, CancellationToken ct)
    {
        var wanted = subjects.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0) return new OpenKeys(new Dictionary<string, PersonDataKey>(StringComparer.Ordinal), _ => null);
        var keys = (await session.LoadManyAsync<PersonDataKey>(ct, wanted)).ToDictionary(k => k.Id, StringComparer.Ordinal);
        return new OpenKeys(keys, k => k.WrappedKey is null ? null : UnwrapWith(keks, session.TenantId, k.Id, k.WrappedKey, k.KekId));
    }

    /// <summary>Whether the subject has a key now: what <see cref="DestroyAsync"/> would destroy, read before deciding an erasure.</summary>
    public static async Task<bool> HoldsKeyAsync(IQuerySession session, string subject, CancellationToken ct) =>
        (await session.LoadAsync<PersonDataKey>(subject, ct))?.WrappedKey is not null;

    /// <summary>Destroys the subject's key in the caller's session, so it commits with the event that records it.</summary>
    public async Task<bool> DestroyAsync(IDocumentSession session, string subject, CancellationToken ct)
    {
        var key = await session.LoadAsync<PersonDataKey>(subject, ct);
        var now = clock.GetUtcNow();
        var hadKey = key?.WrappedKey is not null;
        key ??= new PersonDataKey { Id = subject, CreatedAt = now };
        key.WrappedKey = null;
        key.ErasedAt = now;
        key.LastErasedAt = now;
        session.Store(key);
        return hadKey;
    }

    internal static byte[] WrapWith(byte[] kek, string tenant, string subject, byte[] key) =>
        FieldCipher.Seal(kek, key, Encoding.UTF8.GetBytes($"{tenant}|{subject}"));

    /// <summary>
    /// Opens a data key with the KEK that wrapped it; one stored before KEK ids were recorded is tried under each
    /// configured KEK, the current one first (AES-GCM's tag tells the right one).
    /// </summary>
    internal static byte[] UnwrapWith(KeyEncryptionKeys keks, string tenant, string subject, byte[] wrapped, string? kekId)
    {
        var context = Encoding.UTF8.GetBytes($"{tenant}|{subject}");
        if (kekId is not null)
            return keks.TryGet(kekId, out var kek) ? FieldCipher.Open(kek, wrapped, context) : throw new KeyEncryptionKeyMissingException(kekId);
        CryptographicException? last = null;
        foreach (var candidate in keks.CurrentFirst())
        {
            try { return FieldCipher.Open(candidate, wrapped, context); }
            catch (CryptographicException ex) { last = ex; }
        }
        throw new KeyEncryptionKeyMissingException("(unrecorded)", last);
    }
}

/// <summary>Unwrapped keys for one read; a missing or destroyed key reads as erased.</summary>
public sealed class OpenKeys(IReadOnlyDictionary<string, PersonDataKey> keys, Func<PersonDataKey, byte[]?> unwrap)
{
    private readonly Dictionary<string, byte[]?> _open = new(StringComparer.Ordinal);

    public byte[]? For(string subject)
    {
        if (_open.TryGetValue(subject, out var key)) return key;
        return _open[subject] = keys.TryGetValue(subject, out var stored) ? unwrap(stored) : null;
    }

    /// <summary>The subject was erased after (or before) this record was made: the record's copy is gone.</summary>
    public bool IsErased(string subject, DateTimeOffset recordedAt) =>
        keys.TryGetValue(subject, out var key) && (key.ErasedAt is not null || key.LastErasedAt >= recordedAt);
}
