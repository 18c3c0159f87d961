import PostgresNIO

extension DatabaseURL {
    /// libpq's `sslmode`, as libpq means it (`allow` is not offered: PostgresNIO cannot start plain
    /// and upgrade). With a root certificate given or found, `require` verifies the chain as
    /// `verify-ca` does, as libpq does.
    ///
    /// | mode | encrypted | verifies the CA | verifies the host | without TLS on the server |
    /// |---|---|---|---|---|
    /// | `disable` | no | — | — | plain |
    /// | `prefer` | when the server offers TLS | no | no | falls back to plain |
    /// | `require` | yes | only with a root certificate | no | refused |
    /// | `verify-ca` | yes | yes | no | refused |
    /// | `verify-full` | yes | yes | yes (SAN, or CN without SANs) | refused |
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        case disable
        case prefer
        case require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"

        /// Whether the mode cannot go on without a root certificate.
        var verifiesCertificate: Bool { self == .verifyCA || self == .verifyFull }
    }

    /// How the server's certificate is checked: not at all, its chain, or its chain and name.
    public enum CertificateCheck: Sendable, Hashable {
        case none
        case chain
        case chainAndHost
    }

    /// What this URL checks of the server's certificate (nil: no TLS).
    public var certificateCheck: CertificateCheck? {
        switch sslMode {
        case .disable: nil
        case .prefer: CertificateCheck.none
        case .require: sslRootCert == nil ? CertificateCheck.none : .chain
        case .verifyCA: .chain
        case .verifyFull: .chainAndHost
        }
    }

    /// NIOSSL's client settings for this URL (nil: no TLS): the check above, trusting the root
    /// certificate file (or the system's roots for `system`).
    public var tlsConfiguration: TLSConfiguration? {
        guard let check = certificateCheck else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch check {
        case .none: tls.certificateVerification = .none
        case .chain: tls.certificateVerification = .noHostnameVerification
        case .chainAndHost: tls.certificateVerification = .fullVerification
        }
        if check != .none, let root = sslRootCert {
            tls.trustRoots = root == "system" ? .default : .file(root)
        }
        return tls
    }
}
