using System.Diagnostics;
using Dossiers.Api.Auth;
using Dossiers.Tests.Fixtures;
using Marten;
using Marten.Events;
using Xunit.Abstractions;

namespace Dossiers.Tests.Audit;

/// <summary>
/// The documented backup procedure, run as an operator would: scripts/backup-check.sh dumps the database, restores it
/// into a fresh one, and on the copy runs verify and a rebuild comparison. It passes on a sound store and fails when an
/// event was edited before the backup.
/// </summary>
public class when_backing_up_and_restoring(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private const string Centre = "057.01.90.H48";

    private async Task<(int ExitCode, string Output)> BackupCheck()
    {
        var (exitCode, text) = await Processes.Run(new ProcessStartInfo("bash",
            [Path.Combine(RepositoryRoot.Path, "scripts", "backup-check.sh"), Path.Combine(Path.GetTempPath(), $"dossiers-{Guid.NewGuid():N}.dump")])
        {
            WorkingDirectory = RepositoryRoot.Path,
            Environment = { ["DOSSIERS_API_DLL"] = Path.Combine(RepositoryRoot.Path, "src", "Api", "bin", "Debug", "net10.0", "Dossiers.Api.dll") },
        });
        output.WriteLine(text);
        return (exitCode, text);
    }

    [Fact]
    public async Task a_restored_copy_verifies_and_rebuilds_to_the_same_read_models_and_an_edit_made_before_the_backup_is_caught()
    {
        var desk = Token(Roles.Desk, agency: Centre, user: "desk.backup");
        var dossiers = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var submitted = await Host.SubmittedDossier(desk);
            await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk);
            dossiers.Add(submitted.Id);
        }
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var (exitCode, text) = await BackupCheck();
        exitCode.ShouldBe(0, text);
        text.ShouldContain("every hash chain is intact");
        text.ShouldContain("equal to a rebuild");

        (await Database.Execute($"update {Store.Options.DatabaseSchemaName}.mt_events set data = jsonb_set(data, '{{channel}}', '\"Online\"') " +
                                "where stream_id = $1 and version = 1", dossiers[1])).ShouldBe(1);
        var (failed, report) = await BackupCheck();
        failed.ShouldNotBe(0);
        report.ShouldContain($"stream {dossiers[1]}");
    }
}
