using System.Collections.Concurrent;
using Acornima;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace Dossiers.Engine.Workflows;

/// <summary>
/// Evaluates a decision's JavaScript in Jint with time, statement, memory and recursion limits, strict mode and no
/// CLR access. The only thing the code sees is a deep-frozen copy of the dossier's data as <c>dossier</c>.
/// Accepts a bare expression (<c>dossier.data.x &gt; 3</c>) or a function body with <c>return</c>, as Elsa exports both.
/// </summary>
public static class ConditionSandbox
{
    private static readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> Prepared = new();

    /// <summary>The syntax error in the code, or null when it parses.</summary>
    public static string? SyntaxError(string code)
    {
        try { _ = Prepare(code); return null; }
        catch (ScriptPreparationException e) { return e.InnerException?.Message ?? e.Message; }
    }

    /// <summary>Runs the condition; throws <see cref="ConditionFailed"/> when it errors, runs away or is not a boolean.</summary>
    public static bool Evaluate(string code, string dossierJson)
    {
        try
        {
            var engine = new Jint.Engine(options => options
                .Strict()
                .TimeoutInterval(TimeSpan.FromSeconds(2))   // generous: the statement limit stops runaway code; this only guards a loaded machine's stalls
                .MaxStatements(10_000)
                .LimitRecursion(64)
                .LimitMemory(16_000_000));
            var dossier = new JsonParser(engine).Parse(dossierJson);
            engine.SetValue("dossier", dossier);
            engine.Execute(DeepFreeze);
            var prepared = Prepare(code);
            var result = engine.Evaluate(in prepared);
            return result is JsBoolean b
                ? b.AsBoolean()
                : throw new ConditionFailed($"The condition returned {result.Type.ToString().ToLowerInvariant()}, not true or false.");
        }
        catch (ScriptPreparationException e) { throw new ConditionFailed($"The condition does not parse: {e.InnerException?.Message ?? e.Message}"); }
        catch (JavaScriptException e) { throw new ConditionFailed($"The condition threw: {e.Message}"); }
        catch (TimeoutException) { throw new ConditionFailed("The condition ran past its time limit."); }
        catch (StatementsCountOverflowException) { throw new ConditionFailed("The condition ran past its statement limit."); }
        catch (RecursionDepthOverflowException) { throw new ConditionFailed("The condition recursed too deeply."); }
        catch (MemoryLimitExceededException) { throw new ConditionFailed("The condition used too much memory."); }
    }

    private const string DeepFreeze =
        "(function f(o){ if (o && typeof o === 'object') { Object.freeze(o); Object.getOwnPropertyNames(o).forEach(function(k){ f(o[k]); }); } })(dossier);";

    private static Prepared<Acornima.Ast.Script> Prepare(string code) => Prepared.GetOrAdd(code, static c =>
    {
        try { return Jint.Engine.PrepareScript(c, strict: true); }
        catch (ScriptPreparationException) when (c.Contains("return"))
        {
            // Elsa's other form: a function body that returns the answer.
            return Jint.Engine.PrepareScript($"(function () {{\n{c}\n}})()", strict: true);
        }
    });
}

/// <summary>A decision's condition could not give an answer; the dossier does not move.</summary>
public sealed class ConditionFailed(string message) : Exception(message);
