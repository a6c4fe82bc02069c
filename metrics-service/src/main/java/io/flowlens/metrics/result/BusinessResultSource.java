package io.flowlens.metrics.result;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;

import io.flowlens.metrics.outcome.ResultPoint;
import io.flowlens.metrics.outcome.ResultPointSource;

/**
 * The tenant's own business results as series for a correlation: every category but the reserved
 * {@code customer-centricity} ones, which assessments feed. Each category is one series (no
 * series key). Business results are kept per value stream: the portfolio has none of them.
 */
@ApplicationScoped
public class BusinessResultSource implements ResultPointSource {

    @Inject
    DataSource dataSource;

    @Inject
    ResultStore store;

    @Override
    public boolean serves(String category) {
        return category != null && !ResultCategory.reserved(category);
    }

    @Override
    public List<ResultPoint> points(String tenantId, UUID valueStreamId, String category, String series) {
        if (valueStreamId == null || series != null || !serves(category)) {
            return List.of();
        }
        List<ResultPoint> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select day, value from business_result "
                        + "where tenant_id = ? and value_stream_id = ? and category = ?")) {
            ps.setString(1, tenantId);
            ps.setObject(2, valueStreamId);
            ps.setString(3, category);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ResultPoint(rs.getObject(1, LocalDate.class), rs.getDouble(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading business results failed", e);
        }
        return out;
    }

    @Override
    public List<SeriesName> available(String tenantId, UUID valueStreamId) {
        if (valueStreamId == null) {
            return List.of();
        }
        List<String> categories = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select distinct category from business_result "
                        + "where tenant_id = ? and value_stream_id = ? order by category")) {
            ps.setString(1, tenantId);
            ps.setObject(2, valueStreamId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    categories.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading business results failed", e);
        }
        List<SeriesName> out = new ArrayList<>();
        for (String name : categories) {
            if (!serves(name)) {
                continue;
            }
            ResultCategory category = ResultCategory.builtIn(name);
            if (category == null) {
                ResultStore.StoredCategory stored = store.category(tenantId, name);
                if (stored == null) {
                    continue; // deleted meanwhile with its points
                }
                category = stored.category();
            }
            out.add(new SeriesName(name, null, category.label(), category.unit(), category.higherIsBetter()));
        }
        return out;
    }
}
