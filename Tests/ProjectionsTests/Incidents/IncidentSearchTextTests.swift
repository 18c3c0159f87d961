import Projections
import Testing

/// Diacritic- and case-insensitive words, in Swift (the rule the table applies with unaccent).
@Suite struct IncidentSearchTextTests {
    @Test func vietnameseFoldsToPlainLetters() {
        #expect(IncidentSearchText.fold("Dư luận") == "du luan")
        #expect(IncidentSearchText.fold("ĐƯỜNG đất") == "duong dat", "đ is d, not a letter with a mark")
        #expect(
            IncidentSearchText.fold("Giải phóng mặt bằng, nông thôn mới; dịch vụ công")
                == "giai phong mat bang, nong thon moi; dich vu cong")
        #expect(IncidentSearchText.fold("ỹ Ữ ặ Ợ") == "y u a o")
    }

    @Test func decomposedInputFoldsLikeComposed() {
        let decomposed = "Dư luận".decomposedStringWithCanonicalMapping
        #expect(IncidentSearchText.words(decomposed) == ["du", "luan"])
    }

    @Test func aDocumentIsLowercasedWordsJoinedBySpaces() {
        #expect(
            IncidentSearchText.document(["Báo Bắc Kạn", "baobackan.vn/tin-tuc", "  giải phóng  "])
                == "báo bắc kạn baobackan vn tin tuc giải phóng")
    }

    @Test func withAndWithoutDiacriticsFindTheSameText() {
        let document = IncidentSearchText.document(["Dư luận bức xúc về giải phóng mặt bằng ở Chợ Đồn"])
        for query in ["dư luận", "du luan", "DU LUAN", "Dư Luận", "cho don", "Chợ Đồn", "giai phong mat bang", "luận dư"] {
            #expect(IncidentSearchText.matches(query: query, document: document), "\(query)")
        }
        for query in ["luận án", "du lịch", "chợ mới"] {
            #expect(!IncidentSearchText.matches(query: query, document: document), "\(query)")
        }
    }

    @Test func wordsMatchWholeNotAsPrefixes() {
        let document = IncidentSearchText.document(["đường bê tông"])
        #expect(!IncidentSearchText.matches(query: "duo", document: document))
        #expect(IncidentSearchText.matches(query: "duong", document: document))
    }

    @Test func aQueryWithoutWordsMatchesNothing() {
        #expect(!IncidentSearchText.matches(query: " !? ", document: "anything"))
        #expect(IncidentSearchText.words("—") == [])
    }
}
