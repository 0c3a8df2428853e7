using JasperFx.Events.Projections;
using Marten;
using TrustSafety.Consent.Aups;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Consent.ErasingLeavers;
using TrustSafety.Consent.ExportingSubjectAccess;
using TrustSafety.Consent.ImportingRoster;
using TrustSafety.Consent.Pupils;
using TrustSafety.Consent.RecordingStaffAccounts;

namespace TrustSafety.Consent;

/// <summary>Stable stored names for every event (a class rename never orphans stored events) and the snapshots.</summary>
public static class ConsentStore
{
    public static void Configure(StoreOptions opts)
    {
        opts.Events.MapEventType<PupilEnrolled>("pupil_enrolled.v1");
        opts.Events.MapEventType<PupilPlacementChanged>("pupil_placement_changed.v1");
        opts.Events.MapEventType<PupilLeavingDateRecorded>("pupil_leaving_date_recorded.v1");
        opts.Events.MapEventType<PupilDetailsRecorded>("pupil_details_recorded.v1");
        opts.Events.MapEventType<PupilSignInAccountsSet>("pupil_sign_in_accounts_set.v1");
        opts.Events.MapEventType<PupilRosterErased>("pupil_roster_erased.v1");
        // What erasing a leaver's roster details masks in the pupil stream's stored events (RosterRetentionSweeper).
        opts.Events.AddMaskingRuleForProtectedInformation<PupilDetailsRecorded>(e => e with
        {
            Upn = RosterRetention.Erased, LegalForename = RosterRetention.Erased, LegalSurname = RosterRetention.Erased,
            PreferredForename = null, PreferredSurname = null, DateOfBirth = DateOnly.MinValue, AdmissionDate = null,
        });
        opts.Events.AddMaskingRuleForProtectedInformation<PupilSignInAccountsSet>(e => e with { Accounts = [] });
        opts.Events.MapEventType<StaffSignInAccountsSet>("staff_sign_in_accounts_set.v1");
        opts.Events.MapEventType<RosterImported>("roster_imported.v1");
        opts.Events.MapEventType<ConsentTypeDefined>("consent_type_defined.v1");
        opts.Events.MapEventType<ConsentWordingPublished>("consent_wording_published.v1");
        opts.Events.MapEventType<ConsentTypeSettingsChanged>("consent_type_settings_changed.v1");
        opts.Events.MapEventType<ConsentRequested>("consent_requested.v1");
        opts.Events.MapEventType<ConsentGranted>("consent_granted.v1");
        opts.Events.MapEventType<ConsentRefused>("consent_refused.v1");
        opts.Events.MapEventType<ConsentRevoked>("consent_revoked.v1");
        opts.Events.MapEventType<ConsentLapsed>("consent_lapsed.v1");
        opts.Events.MapEventType<AupVersionIssued>("aup_version_issued.v1");
        opts.Events.MapEventType<AupSignatureRecorded>("aup_signature_recorded.v1");
        opts.Events.MapEventType<AupSignatureLapsed>("aup_signature_lapsed.v1");
        opts.Events.MapEventType<PupilSubjectAccessExported>("pupil_subject_access_exported.v1");
        opts.Projections.Snapshot<Pupil>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<StaffAccounts>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<ConsentType>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<PupilConsent>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<AcceptableUsePolicy>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<AupSignatory>(SnapshotLifecycle.Inline);
        opts.Schema.For<Pupil>().Duplicate(p => p.ClassName).Duplicate(p => p.Upn!);
        opts.Schema.For<PupilConsent>().Duplicate(c => c.PupilId).Duplicate(c => c.TypeCode);
        opts.Schema.For<AupPerson>().Identity(p => p.Id);
    }
}
