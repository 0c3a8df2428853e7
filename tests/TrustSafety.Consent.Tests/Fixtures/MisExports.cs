namespace TrustSafety.Consent.Tests.Fixtures;

/// <summary>Pupil-list exports as each MIS writes them (header names, date and year formats); UPNs carry valid check letters.</summary>
public static class MisExports
{
    /// <summary>SIMS Report Designer "Student List" export: Adno, Reg, "Year 6", dd/MM/yyyy.</summary>
    public const string Sims = """
        Adno,UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,DOB,Year,Reg,Admission Date,Leaving Date,Email Address,Username
        001234,Y820001120010,Okafor,Chinedu,,Chi,14/03/2015,Year 6,6B,03/09/2019,,c.okafor@blakehill.sch.uk,cokafor
        001235,L820001120020,Whitmore,Amelia,,,02/11/2016,Year 5,5W,04/09/2020,,a.whitmore@blakehill.sch.uk,awhitmore
        001236,Z820001120030,"O'Brien",Siobhán,,,21/07/2019,Reception,RA,02/09/2025,,,
        001237,M820001120040,Kowalska,Zofia,Kowal,Zosia,30/01/2014,Year 7,6B,05/09/2018,,z.kowalska@blakehill.sch.uk,
        """;

    /// <summary>Arbor "Students" export: Registration Form, Year Group, "14 Mar 2015" dates, Enrolment Start/End Date.</summary>
    public const string Arbor = """
        Arbor Student ID,UPN,Legal First Name,Legal Last Name,Preferred First Name,Preferred Last Name,Date of Birth,Year Group,Registration Form,Enrolment Start Date,Enrolment End Date,School Email
        4411,F820002120010,Harriet,Ng,Hattie,,14 Mar 2015,Year 6,Oak,1 Sep 2019,,h.ng@caldecote.sch.uk
        4412,U820002120020,Mohammed,Rahman,,,9 Jun 2017,Year 4,Ash,2 Sep 2021,,m.rahman@caldecote.sch.uk
        4413,G820002120030,Lily-Mae,Parker-Jones,,,27 Dec 2020,Nursery,N1,5 Jan 2025,,
        """;

    /// <summary>Bromcom "Student List" report: Tutor Group, NC Year as a number, Excel-saved dates with a midnight time.</summary>
    public const string Bromcom = """
        Student Id,UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,Date Of Birth,NC Year,Tutor Group,Date Of Admission,Date Of Leaving,Email
        90017,N820003120010,Adeyemi,Tobi,,,11/10/2012 00:00:00,9,9AD,01/09/2023 00:00:00,,t.adeyemi@westfield.sch.uk
        90018,B820003120020,Fischer,Jonas,,,05/05/2013 00:00:00,8,8FI,01/09/2024 00:00:00,,j.fischer@westfield.sch.uk
        90019,P820003120030,Evans,Megan,,,17/02/2011 00:00:00,10,10EV,01/09/2022 00:00:00,,m.evans@westfield.sch.uk
        """;
}
