import Foundation
import Logging
import Metrics
import Projections
import Prometheus

/// The server's metrics: swift-metrics bootstrapped with a Prometheus registry (what Hummingbird's
/// `MetricsMiddleware`, the store's append figures and the live-stream slots record into), plus the
/// projections' lag, read from the database at each scrape. `GET /metrics` serves `scrape()`.
final class LedgerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let operations: ProjectionOperations
    let logger: Logger

    private init(registry: PrometheusCollectorRegistry, operations: ProjectionOperations, logger: Logger) {
        self.registry = registry
        self.operations = operations
        self.logger = logger
    }

    /// Bootstraps the process's metrics system (once per process: `serve` calls it) and returns the metrics.
    static func bootstrap(operations: ProjectionOperations, logger: Logger) -> LedgerMetrics {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Prometheus names allow letters, digits and underscores: Hummingbird's `http.route` becomes `http_route`.
        factory.nameAndLabelSanitizer = { name, labels in
            (Self.sanitized(name), labels.map { (Self.sanitized($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return LedgerMetrics(registry: registry, operations: operations, logger: logger)
    }

    static var lagEvents: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "ledger", metricName: "projection_lag", unitName: "events", helpText: "Log events not yet applied by the projection")
    }
    static var lagSeconds: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "ledger", metricName: "projection_lag", unitName: "seconds",
            helpText: "Age of the oldest event the projection has not applied (0 when caught up)")
    }
    static var checkpoint: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "ledger", metricName: "projection_checkpoint", unitName: "position", helpText: "The log position applied up to")
    }
    static var scrapeFailures: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "ledger", metricName: "metrics_scrape_failures", unitName: "total",
            helpText: "Scrapes that could not read the projections' status")
    }

    static func sanitized(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
    }

    /// The exposition text, with the projections' lag read now. A failed read leaves the last
    /// figures and counts the failure, so a scrape answers even while the database is away.
    func scrape() async -> String {
        do {
            for status in try await operations.statuses() {
                let labels = [("projection", status.name)]
                registry.makeGauge(descriptor: Self.lagEvents, labels: labels).set(Double(status.lagEvents))
                registry.makeGauge(descriptor: Self.lagSeconds, labels: labels).set(status.lagSeconds)
                registry.makeGauge(descriptor: Self.checkpoint, labels: labels).set(Double(status.checkpoint))
            }
        } catch {
            registry.makeCounter(descriptor: Self.scrapeFailures).increment()
            logger.warning("metrics: projection status unavailable", metadata: ["error": "\(error)"])
        }
        return registry.emitToString()
    }
}
