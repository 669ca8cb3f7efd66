import Foundation
import GRDB
import Memograph
import Testing

@Suite struct SearchFilterTests {
    /// Three facts about services and people, one of them superseded, and two episodes with metadata.
    struct Graph {
        let fixture: StoreFixture
        let uses: EdgeID
        let dependsOn: EdgeID
        let oldPort: EdgeID
        let newPort: EdgeID
        let member: EdgeID
        let ticket: Episode
        let chat: Episode

        init(ontology: Ontology? = nil) throws {
            fixture = try StoreFixture(ontology: ontology)
            let store = fixture.store
            ticket = try store.addEpisode(
                "billing service outage ticket", role: "user", externalID: "T-1", occurredAt: day(2),
                metadata: ["source": "jira", "severity": "high"])
            chat = try store.addEpisode(
                "billing chat about lunch", role: "assistant", occurredAt: day(3),
                metadata: ["source": "slack"])
            uses = try store.relate(
                "Service:billing", "uses", "Tool:Postgres", validFrom: day(5),
                fact: "The billing service uses Postgres", source: ticket.id
            ).edgeID
            dependsOn = try store.relate(
                "Service:billing", "dependsOn", "Service:ledger", validFrom: day(10),
                fact: "billing depends on the ledger service"
            ).edgeID
            oldPort = try store.relate(
                "Service:billing", "listensOnPort", value: "8080", validFrom: day(1),
                fact: "billing listens on 8080"
            ).edgeID
            newPort = try store.relate(
                "Service:billing", "listensOnPort", value: "9090", validFrom: day(20),
                fact: "billing listens on 9090"
            ).edgeID
            member = try store.relate(
                "User:Ada", "memberOf", "Team:billing team", validFrom: day(15),
                fact: "Ada is on the billing team"
            ).edgeID
        }

        func facts(_ json: String, history: Bool = false) async throws -> Set<EdgeID> {
            let results = try await fixture.store.search(
                "billing",
                options: SearchOptions(
                    limit: 50, includeHistory: history, filter: try SearchFilter(json: json)))
            return Set(results.facts.map(\.item.edge.id))
        }
    }

    @Test func everyOperatorSelectsExactlyTheMatchingFacts() async throws {
        let graph = try Graph()
        #expect(try await graph.facts(#"{"relation": "uses"}"#) == [graph.uses])
        #expect(try await graph.facts(#"{"relation": {"eq": "uses"}}"#) == [graph.uses])
        #expect(
            try await graph.facts(#"{"relation": {"ne": "uses"}}"#) == [
                graph.dependsOn, graph.newPort, graph.member,
            ])
        #expect(
            try await graph.facts(#"{"relation": {"in": ["uses", "dependsOn"]}}"#) == [
                graph.uses, graph.dependsOn,
            ])
        #expect(
            try await graph.facts(#"{"relation": {"nin": ["uses", "dependsOn"]}}"#) == [
                graph.newPort, graph.member,
            ])
        #expect(
            try await graph.facts(#"{"valid_from": {"gt": "2026-03-10T00:00:00Z"}}"#) == [
                graph.newPort, graph.member,
            ])
        #expect(
            try await graph.facts(#"{"valid_from": {"gte": "2026-03-10T00:00:00Z"}}"#)
                == [graph.dependsOn, graph.newPort, graph.member])
        #expect(try await graph.facts(#"{"valid_from": {"lt": "2026-03-10T00:00:00Z"}}"#) == [graph.uses])
        #expect(
            try await graph.facts(#"{"valid_from": {"lte": "2026-03-10T00:00:00Z"}}"#) == [
                graph.uses, graph.dependsOn,
            ])
        #expect(try await graph.facts(#"{"fact": {"contains": "Postgres"}}"#) == [graph.uses])
        #expect(try await graph.facts(#"{"fact": {"contains": "postgres"}}"#) == [])
        #expect(try await graph.facts(#"{"fact": {"icontains": "POSTGRES"}}"#) == [graph.uses])
        #expect(try await graph.facts(#"{"object": "9090"}"#) == [graph.newPort])
        #expect(try await graph.facts(#"{"object_type": "Service"}"#) == [graph.dependsOn])
        #expect(try await graph.facts(#"{"confidence": {"gte": 1}}"#).count == 4)
        #expect(try await graph.facts(#"{"confidence": {"lt": 1}}"#) == [])
    }

    @Test func logicAndNullAndHistoryCombine() async throws {
        let graph = try Graph()
        #expect(
            try await graph.facts(#"{"OR": [{"relation": "uses"}, {"object": "9090"}]}"#) == [
                graph.uses, graph.newPort,
            ])
        #expect(
            try await graph.facts(
                #"{"AND": [{"subject": "billing"}, {"NOT": {"relation": "listensOnPort"}}]}"#)
                == [graph.uses, graph.dependsOn])
        #expect(
            try await graph.facts(#"{"subject": "billing", "relation": "dependsOn"}"#) == [graph.dependsOn])
        #expect(try await graph.facts(#"{"valid_to": {"ne": null}}"#, history: true) == [graph.oldPort])
        #expect(
            try await graph.facts(#"{"valid_to": null, "relation": "listensOnPort"}"#, history: true) == [
                graph.newPort
            ])
        #expect(try await graph.facts(#"{"NOT": {"valid_to": null}}"#, history: true) == [graph.oldPort])
    }

    @Test func aFilterKeepsOnlyTheKindsItCanBeEvaluatedOn() async throws {
        let graph = try Graph()
        let store = graph.fixture.store
        let byRelation = try await store.search(
            "billing", options: SearchOptions(filter: try SearchFilter(json: #"{"relation": "uses"}"#)))
        #expect(byRelation.facts.map(\.item.edge.id) == [graph.uses])
        #expect(byRelation.entities.isEmpty && byRelation.episodes.isEmpty)

        let byMetadata = try await store.search(
            "billing", options: SearchOptions(filter: try SearchFilter(json: #"{"metadata.source": "jira"}"#))
        )
        #expect(byMetadata.episodes.map(\.item.id) == [graph.ticket.id])
        #expect(byMetadata.entities.isEmpty && byMetadata.facts.isEmpty)

        let byRole = try await store.search(
            "billing",
            options: SearchOptions(filter: try SearchFilter(json: #"{"role": {"in": ["assistant"]}}"#)))
        #expect(byRole.episodes.map(\.item.id) == [graph.chat.id])

        let byType = try await store.search(
            "billing", options: SearchOptions(filter: try SearchFilter(json: #"{"entity_type": "Team"}"#)))
        #expect(byType.entities.map(\.item.name) == ["billing team"])
        #expect(byType.facts.isEmpty)

        let byNamespace = try await store.search(
            "billing",
            options: SearchOptions(filter: try SearchFilter(json: #"{"namespace": {"ne": "default"}}"#)))
        #expect(byNamespace == SearchResults())
    }

    @Test func typeConditionsIncludeSubclassesAndRelationsResolveByLabel() async throws {
        let graph = try Graph(ontology: try Ontology.bundledDefault())
        #expect(try await graph.facts(#"{"subject_type": "Person"}"#) == [graph.member])
        #expect(
            try await graph.facts(#"{"subject_type": {"nin": ["person"]}}"#).contains(graph.member) == false)
        #expect(try await graph.facts(#"{"relation": "is member of"}"#) == [graph.member])
    }

    @Test func malformedFiltersAreTypedErrorsNamingWhere() throws {
        func refusal(_ json: String) -> MemographError? {
            do {
                _ = try SearchFilter(json: json)
                return nil
            } catch { return error as? MemographError }
        }
        func path(_ json: String) -> String? {
            guard case .invalidFilter(let path, _) = refusal(json) else { return nil }
            return path
        }
        #expect(path(#"{"colour": "red"}"#) == "$.colour")
        #expect(
            path(#"{"AND": [{"relation": "uses"}, {"relation": {"like": "u%"}}]}"#)
                == "$.AND[1].relation.like")
        #expect(path(#"{"valid_from": {"gte": 5}}"#) == "$.valid_from.gte")
        #expect(path(#"{"valid_from": {"gte": "last tuesday"}}"#) == "$.valid_from.gte")
        #expect(path(#"{"relation": {"gt": "a"}}"#) == "$.relation.gt")
        #expect(path(#"{"confidence": {"contains": "1"}}"#) == "$.confidence.contains")
        #expect(path(#"{"relation": {"in": "uses"}}"#) == "$.relation.in")
        #expect(path(#"{"relation": {"in": ["uses", 3]}}"#) == "$.relation.in[1]")
        #expect(path(#"{"relation": 3}"#) == "$.relation")
        #expect(path(#"{"OR": []}"#) == "$.OR")
        #expect(path(#"{"NOT": [{"relation": "uses"}]}"#) == "$.NOT")
        #expect(path(#"{}"#) == "$")
        #expect(path(#"{"metadata.a\"b": "x"}"#) == "$.metadata.a\"b")
        #expect(path(#"{"relation": "uses""#) == "$")
        let deep =
            String(repeating: #"{"NOT": "#, count: 17) + #"{"relation": "uses"}"#
            + String(repeating: "}", count: 17)
        #expect(path(deep) == "$" + String(repeating: ".NOT", count: 16))
        let shallowEnough =
            String(repeating: #"{"NOT": "#, count: 15) + #"{"relation": "uses"}"#
            + String(repeating: "}", count: 15)
        #expect(refusal(shallowEnough) == nil)
        #expect(
            refusal(#"{"colour": "red"}"#)?.errorDescription?.contains("unknown field; use one of confidence")
                == true)
        #expect(throws: MemographError.self) { try FilterCondition(.validFrom, .contains, .string("2026")) }
    }

    @Test func injectionAttemptsInValuesAndKeysAreInert() async throws {
        let graph = try Graph()
        let store = graph.fixture.store
        let before = try store.statistics()
        for hostile in [
            #"{"subject": "billing' OR '1'='1"}"#,
            #"{"relation": "uses\"); DROP TABLE edges; --"}"#,
            #"{"fact": {"contains": "%' OR 1=1 --"}}"#,
            #"{"metadata.x') OR 1=1 --": "y"}"#,
            #"{"relation": {"in": ["uses') OR ('1'='1"]}}"#,
        ] {
            let results = try await store.search(
                "billing", options: SearchOptions(filter: try SearchFilter(json: hostile)))
            #expect(results == SearchResults(), "\(hostile)")
        }
        #expect(try store.statistics() == before)
    }
}
