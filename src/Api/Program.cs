using Dossiers.Api.Auth;
using Dossiers.Api.Calendar;
using Dossiers.Api.Dvcqg;
using Dossiers.Api.Errors;
using Dossiers.Api.Evaluations;
using Dossiers.Api.Explanations;
using Dossiers.Api.Files;
using Dossiers.Api.Health;
using Dossiers.Api.Hosting;
using Dossiers.Api.Observability;
using Dossiers.Api.WebConsole;
using Dossiers.Api.Workflows;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);
SocketCompletions.Configure(builder.Configuration);

// Commands that need configuration but not the web host (development tokens).
if (Cli.TryRun(args, builder.Configuration, builder.Environment) is { } exitCode)
    return exitCode;

builder.AddDossierStore();
builder.AddWorkingCalendar();
try { builder.AddWorkflows(); }
catch (WorkflowsNotValid problems)
{
    // Each problem names its file, activity and fix; a stack trace would only bury them.
    Console.Error.WriteLine(problems.Message);
    return 1;
}
builder.Services.AddSingleton<Dossiers.Api.Dossiers.CommandPipeline>();
builder.Services.AddSingleton<Dossiers.Api.Dossiers.IdempotencyRecords>();
builder.Services.AddHostedService<Dossiers.Api.Dossiers.IdempotencyPurge>();
builder.Services.AddSingleton<Dossiers.Api.Privacy.AccessLogWriter>();
builder.Services.AddSingleton<Dossiers.Api.Privacy.PersonalDataGuard>();
builder.Services.AddSingleton<Dossiers.Api.Search.DossierSearchSql>();
builder.AddDossierAuth();
builder.AddDossierProblemDetails();
builder.AddDossierApiDocs();
builder.AddInputLimits();
builder.AddAdmission();
builder.AddDossierFiles();
builder.AddCitizenEvaluation();
builder.AddDvcqgSync();
builder.AddExplanations();
Dossiers.Api.Feedback.FeedbackSetup.AddCitizenFeedback(builder);
builder.Services.AddDossierHealthChecks();
builder.AddDossierTelemetry();
builder.AddDossierConsole();

var app = builder.Build();

// Verbs that need the store but not the web server.
if (args is ["verify"])
    return await Dossiers.Api.Audit.AuditCommands.Verify(app.Services.GetRequiredService<Dossiers.Projections.Audit.ChainVerifier>(), Console.Out);
if (args is ["dvcqg", "resend", .. var resend])
    return await Dossiers.Api.Dvcqg.DvcqgCommands.Run(resend, app.Services, Console.Out);
if (args is ["rebuild"])
    return await Dossiers.Api.Audit.AuditCommands.Rebuild(app.Services.GetRequiredService<Marten.IDocumentStore>(), Console.Out);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseInputLimits();
app.UseAdmission();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<Dossiers.Api.Validation.JsonBodyShape>();
app.MapDossierHealth();
app.MapDossierMetrics();
app.MapDossierApiDocs();
app.MapDossierEndpoints();
app.MapDossierConsole();

return await app.RunJasperFxCommands(args);

/// <summary>Visible to the test host.</summary>
public partial class Program;
