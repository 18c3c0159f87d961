import Events
import Testing

/// Punycode against the samples of RFC 3492 section 7.1 (without case annotations).
@Suite struct PunycodeTests {
    @Test(arguments: [
        ("bücher", "bcher-kva"),
        ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"),
        ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
        ("Pročprostěnemluvíčesky", "Proprostnemluvesky-uyb24dma41a"),
        ("почемужеонинеговорятпорусски", "b1abfaaepdrnnbgefbadotcwatmq2g4l"),
        ("TạisaohọkhôngthểchỉnóitiếngViệt", "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g"),
        ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
        ("việt-nam", "vit-nam-zv4c"),
        ("abc", "abc-"),
    ])
    func encodesTheRFCSamples(_ text: String, _ expected: String) {
        #expect(Punycode.encode(text) == expected)
    }
}
