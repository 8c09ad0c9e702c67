using System.Text.Json.Nodes;
using Dossiers.Engine.Agencies;

namespace Dossiers.Tests.Engine.Workflows;

/// <summary>A small valid definition that each rule test breaks in one place.</summary>
public static class TestDefinitions
{
    public const string Commune = "C1", OtherCommune = "C2";
    public const string Desk = "D1", OtherDesk = "D2", ProvincialDesk = "D0";
    public const string Police = "P1", OtherPolice = "P2";
    public const string Insurance = "S1";

    /// <summary>Two communes, each with its people's committee, centre and police; a provincial centre and insurance.</summary>
    public static readonly AgencyRegistry Agencies = new("test", [
        new Agency(Commune, "Ủy ban nhân dân xã Một", "UBND xã Một", null, "commune", "people-committee", [Commune]),
        new Agency(OtherCommune, "Ủy ban nhân dân xã Hai", "UBND xã Hai", null, "commune", "people-committee", [OtherCommune]),
        new Agency(Desk, "Trung tâm phục vụ hành chính công xã Một", "TTPVHCC xã Một", Commune, "commune", "service-centre", [Commune]),
        new Agency(OtherDesk, "Trung tâm phục vụ hành chính công xã Hai", "TTPVHCC xã Hai", OtherCommune, "commune", "service-centre", [OtherCommune]),
        new Agency(ProvincialDesk, "Trung tâm phục vụ hành chính công tỉnh", "TTPVHCC tỉnh", null, "province", "service-centre", [Commune, OtherCommune]),
        new Agency(Police, "Công an xã Một", "CA xã Một", null, "commune", "police", [Commune]),
        new Agency(OtherPolice, "Công an xã Hai", "CA xã Hai", null, "commune", "police", [OtherCommune]),
        new Agency(Insurance, "Bảo hiểm xã hội", "BHXH", null, "province", "social-insurance"),
    ]);

    /// <summary>intake → check → decision (needs verification?) → verify | skip → fork(police, insurance) → join → result; reject on check.</summary>
    public static JsonObject Valid() => JsonNode.Parse("""
    {
      "definitionId": "9.999999-test", "version": 1, "name": "Thử nghiệm",
      "customProperties": { "procedure": { "code": "9.999999", "name": "Thử nghiệm", "level": "commune",
                                           "legalTime": { "amount": 5, "unit": "WorkingDays" } } },
      "root": { "type": "Elsa.Flowchart", "version": 1, "id": "flow",
        "activities": [
          { "id": "intake", "type": "Dossier.Intake", "agency": "D1" },
          { "id": "check", "type": "Dossier.Task", "agency": "P1", "title": "Kiểm tra", "budget": { "amount": 1, "unit": "WorkingDays" }, "outcomes": ["Ok", "Refuse"] },
          { "id": "needs", "type": "Elsa.FlowDecision", "condition": "dossier.data.needsVerification === true" },
          { "id": "verify", "type": "Dossier.Task", "agency": "P1", "title": "Xác minh", "budget": { "amount": 1, "unit": "WorkingDays" } },
          { "id": "fork", "type": "Elsa.FlowFork", "branches": ["Police", "Insurance"] },
          { "id": "police", "type": "Dossier.Task", "agency": "P1", "title": "Đăng ký", "budget": { "amount": 2, "unit": "WorkingDays" } },
          { "id": "insurance", "type": "Dossier.Task", "agency": "S1", "title": "Cấp thẻ", "budget": { "amount": 1, "unit": "WorkingDays" } },
          { "id": "join", "type": "Elsa.FlowJoin", "mode": "WaitAll" },
          { "id": "result", "type": "Dossier.Result" },
          { "id": "reject", "type": "Dossier.Reject" }
        ],
        "connections": [
          { "source": { "activity": "intake", "port": "Accepted" }, "target": { "activity": "check", "port": "In" } },
          { "source": { "activity": "check", "port": "Ok" }, "target": { "activity": "needs", "port": "In" } },
          { "source": { "activity": "check", "port": "Refuse" }, "target": { "activity": "reject", "port": "In" } },
          { "source": { "activity": "needs", "port": "True" }, "target": { "activity": "verify", "port": "In" } },
          { "source": { "activity": "needs", "port": "False" }, "target": { "activity": "fork", "port": "In" } },
          { "source": { "activity": "verify", "port": "Done" }, "target": { "activity": "fork", "port": "In" } },
          { "source": { "activity": "fork", "port": "Police" }, "target": { "activity": "police", "port": "In" } },
          { "source": { "activity": "fork", "port": "Insurance" }, "target": { "activity": "insurance", "port": "In" } },
          { "source": { "activity": "police", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
          { "source": { "activity": "insurance", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
          { "source": { "activity": "join", "port": "Done" }, "target": { "activity": "result", "port": "In" } }
        ] } }
    """)!.AsObject();

    public static JsonArray Activities(this JsonObject definition) => definition["root"]!["activities"]!.AsArray();
    public static JsonArray Connections(this JsonObject definition) => definition["root"]!["connections"]!.AsArray();
    public static JsonObject Activity(this JsonObject definition, string id) =>
        definition.Activities().Single(a => a!["id"]!.GetValue<string>() == id)!.AsObject();

    public static void RemoveConnection(this JsonObject definition, string from, string port) =>
        definition.Connections().Remove(definition.Connections().Single(c =>
            c!["source"]!["activity"]!.GetValue<string>() == from && c["source"]!["port"]!.GetValue<string>() == port));

    public static void Connect(this JsonObject definition, string from, string port, string to) =>
        definition.Connections().Add(JsonNode.Parse($$"""{ "source": { "activity": "{{from}}", "port": "{{port}}" }, "target": { "activity": "{{to}}", "port": "In" } }"""));
}
