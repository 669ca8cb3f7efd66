import Foundation
import Memograph
import Testing

@Suite struct RuleExtractorTests {
    static let ontology = try! OntologyLoader.loadDefault()
    static let extractor = try! RuleExtractor(ontology: ontology)

    /// The facts the extractor reads in `text`, as `Type:subject relation Type:object|value`.
    static func facts(
        _ text: String, speaker: String? = nil, at reference: Date = day(20), scope: [KnownEntity] = [],
        known: [KnownEntity] = []
    ) -> [String] {
        let context = ExtractionContext(
            segments: [ExtractionSegment(text: text, speaker: speaker)], occurredAt: reference, scope: scope,
            known: known, ontology: ontology)
        return extractor.extractNow(context).facts.map(describe)
    }

    static func describe(_ fact: CandidateFact) -> String {
        let object =
            switch fact.object {
            case .entity(let name, let type): "\(type):\(name)"
            case .literal(let value): value
            }
        var text = "\(fact.subjectType):\(fact.subjectName) \(fact.relation) \(object)"
        if let replaces = fact.replaces { text += " replacing \(replaces.rawValue)" }
        return text
    }

    static let api = KnownEntity(id: EntityID(1), type: "Service", name: "api")
    static let ada = KnownEntity(id: EntityID(2), type: "Person", name: "Ada", aliases: ["Ada Lovelace"])
    static let repo = KnownEntity(id: EntityID(3), type: "Repository", name: "acme/api")

    @Test func teamMembership() {
        #expect(Self.facts("Ada is on the platform team.") == ["Person:Ada memberOf Team:platform"])
        #expect(
            Self.facts("Ada Lovelace is on the platform team.", known: [Self.ada]) == [
                "Person:Ada Lovelace memberOf Team:platform"
            ])
        #expect(
            Self.facts("Ada is now on the data team.") == ["Person:Ada memberOf Team:data replacing sameKind"]
        )
        #expect(
            Self.facts("Ada moved to the data team last week.") == [
                "Person:Ada memberOf Team:data replacing sameKind"
            ])
    }

    @Test func portsAndVersions() {
        #expect(
            Self.facts("we moved the api to port 9090, not 8080", known: [Self.api]) == [
                "Service:api listensOnPort 9090"
            ])
        #expect(Self.facts("The api service listens on port 8080.") == ["Service:api listensOnPort 8080"])
        #expect(Self.facts("repo acme/api is at version 2.3.1") == ["Repository:acme/api hasVersion 2.3.1"])
        #expect(
            Self.facts("We bumped acme/api to v2.4.0 yesterday.") == ["Repository:acme/api hasVersion 2.4.0"])
    }

    @Test func scopeAndFirstPerson() {
        #expect(
            Self.facts("this repo uses Poetry", scope: [Self.repo]) == [
                "Repository:acme/api uses Thing:Poetry"
            ])
        #expect(Self.facts("this repo uses Poetry").isEmpty)
        #expect(
            Self.facts("I prefer dark mode", speaker: "Lin") == ["Person:Lin prefers Preference:dark mode"])
        #expect(Self.facts("I prefer dark mode").isEmpty)
        #expect(
            Self.facts("ignore my previous preference, I now want shorter answers", speaker: "Lin")
                == ["Person:Lin prefers Preference:shorter answers replacing latest"])
        #expect(Self.facts("Ada now reports to Lin.") == ["Person:Ada reportsTo Person:Lin"])
        #expect(Self.facts("@ada maintains the billing service") == ["Person:ada maintains Service:billing"])
        #expect(Self.facts("The web app is hosted on Vercel.") == ["Service:web hostedOn Thing:Vercel"])
    }

    @Test func aSubjectJoinedByAndSharesTheFact() {
        #expect(
            Self.facts("Grace and Tom work on repo acme/web.")
                == ["Thing:Grace worksOn Repository:acme/web", "Thing:Tom worksOn Repository:acme/web"])
        #expect(Self.facts("Ada and Bob met at the offsite.").isEmpty)
        #expect(
            Self.facts("Ada uses Vim and Lin uses Emacs.") == [
                "Thing:Ada uses Thing:Vim", "Thing:Lin uses Thing:Emacs",
            ])
    }

    @Test func readsChatterAsNothing() {
        // Phrasings seen in LoCoMo conversations that an earlier version misread.
        #expect(Self.facts("Sounds like a blast!").isEmpty)
        #expect(Self.facts("Learning about different cultures fascinates me.").isEmpty)
        #expect(Self.facts("Enough about me, what have you been up to?", speaker: "Jo").isEmpty)
        #expect(Self.facts("I love your commitment. I love this quote. I love it.", speaker: "Jo").isEmpty)
        #expect(Self.facts("I want to help make that happen.", speaker: "Jo").isEmpty)
        #expect(Self.facts("I know I'll be ok!", speaker: "Jo").isEmpty)
        #expect(Self.facts("I attended this awesome event recently.", speaker: "Jo").isEmpty)
        #expect(
            Self.facts("I love painting landscapes.", speaker: "Jo") == [
                "Person:Jo prefers Preference:painting landscapes"
            ])
    }

    @Test func refusesWhatItCannotTell() {
        #expect(Self.facts("Ada is not on the platform team.").isEmpty)
        #expect(Self.facts("Ada doesn't use vim.").isEmpty)
        #expect(Self.facts("Ada is in Berlin.").isEmpty)
        #expect(Self.facts("Maybe we should talk about it tomorrow.").isEmpty)
    }

    @Test func relativeTimes() {
        let context = ExtractionContext(
            segments: [
                ExtractionSegment(
                    text: "Since March, Ada leads the platform team. Lin joined the data team yesterday.",
                    speaker: nil)
            ],
            occurredAt: day(20, hour: 15), ontology: Self.ontology)
        let facts = Self.extractor.extractNow(context).facts
        #expect(
            facts.map(Self.describe) == ["Person:Ada leads Team:platform", "Person:Lin memberOf Team:data"])
        #expect(facts.map(\.validFrom) == [day(1), day(19)])
    }

    /// A month is read by its name, its first three letters, or "sept", as a query's periods are.
    @Test func monthsAreReadByNameAbbreviationOrSept() throws {
        for written in ["September", "Sep", "Sept", "sept"] {
            let context = ExtractionContext(
                segments: [
                    ExtractionSegment(
                        text: "Since 2 \(written) 2023, Ada leads the platform team.", speaker: nil)
                ],
                occurredAt: day(20, hour: 15), ontology: Self.ontology)
            let facts = Self.extractor.extractNow(context).facts
            #expect(facts.map(Self.describe) == ["Person:Ada leads Team:platform"], "\(written)")
            #expect(facts.map(\.validFrom) == [try ISO8601.parse("2023-09-02", field: "test")], "\(written)")
        }
    }
}
