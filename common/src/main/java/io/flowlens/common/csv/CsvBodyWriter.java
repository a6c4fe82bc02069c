package io.flowlens.common.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * The {@code text/csv} representation of one answer type: a subclass (a {@code @Provider}
 * producing {@link #MEDIA_TYPE}) says the file name and writes the header row and the records;
 * this class sets {@code Content-Type: text/csv; charset=utf-8; header=present} and
 * {@code Content-Disposition: attachment; filename="..."} so a browser saves it and a
 * spreadsheet opens it as UTF-8.
 */
public abstract class CsvBodyWriter<T> implements MessageBodyWriter<T> {

    public static final String MEDIA_TYPE = "text/csv";
    /** What the answer's Content-Type says: RFC 4180's optional header parameter, and UTF-8. */
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

    private final Class<T> type;

    @Inject
    CurrentVertxRequest request;

    protected CsvBodyWriter(Class<T> type) {
        this.type = type;
    }

    /** The file name a browser saves it under (letters, digits, dot, dash and underscore). */
    protected abstract String filename(T value);

    /** The header row, then one record per row of the table. */
    protected abstract void write(T value, Csv csv) throws IOException;

    /** The cursor of the next page, for a page of a longer table; null on the last page or when unpaged. */
    protected String nextCursor(T value) {
        return null;
    }

    @Override
    public boolean isWriteable(Class<?> candidate, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isAssignableFrom(candidate) && mediaType.isCompatible(MediaType.valueOf(MEDIA_TYPE));
    }

    @Override
    public void writeTo(T value, Class<?> candidate, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream entityStream) throws IOException {
        headers.putSingle(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
        headers.putSingle("Content-Disposition", contentDisposition(filename(value)));
        String next = nextCursor(value);
        if (next != null && request != null && request.getCurrent() != null) {
            // A CSV has no room for the cursor, so it travels as an RFC 8288 link, as GitHub pages do.
            headers.putSingle("Link", "<" + nextPage(request.getCurrent().request().uri(), next) + ">; rel=\"next\"");
        }
        Writer writer = new OutputStreamWriter(entityStream, StandardCharsets.UTF_8);
        Csv csv = new Csv(writer);
        write(value, csv);
        csv.flush();
    }

    /** The request's path and query with {@code cursor} set to the next page's. */
    static String nextPage(String uri, String cursor) {
        int q = uri.indexOf('?');
        StringBuilder link = new StringBuilder(q < 0 ? uri : uri.substring(0, q)).append('?');
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                if (!pair.isEmpty() && !pair.startsWith("cursor=") && !pair.equals("cursor")) {
                    link.append(pair).append('&');
                }
            }
        }
        return link.append("cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8)).toString();
    }

    /** {@code attachment; filename="..."}, the name reduced to characters that need no escaping. */
    public static String contentDisposition(String filename) {
        String safe = filename.replaceAll("[^A-Za-z0-9._-]+", "-");
        return "attachment; filename=\"" + (safe.isEmpty() ? "export.csv" : safe) + "\"";
    }
}
