package io.flowlens.common.json;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The suite's JSON reading, strict, configured once for every service: what a caller sends is
 * read as written or refused with the field named, never guessed. A duplicate key, content after
 * the document, a number where text is declared (or text or a fraction where an integer is), and
 * a NUL character in a string are all refused. It applies to bodies the REST layer binds to
 * DTOs; tracker payloads and import files are read by ingestion's own lenient mappers.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    /** Makes {@code mapper} strict (also used by plain tests, which have no Quarkus). */
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: the customizer's only hook.
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        // PostgreSQL cannot store U+0000 in text or jsonb: refused here, with its field named.
        SimpleModule nulFree = new SimpleModule("flowlens-nul-free-strings");
        nulFree.addDeserializer(String.class, new NulFreeStrings());
        nulFree.addKeyDeserializer(String.class, new NulFreeKeys());
        mapper.registerModule(nulFree);
        return mapper;
    }

    /** Jackson's own string reading (with the coercion rules above), then the NUL check. */
    static final class NulFreeStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return refuseNul(p, super.deserialize(p, ctxt));
        }
    }

    static final class NulFreeKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return refuseNul(ctxt.getParser(), key);
        }
    }

    private static String refuseNul(JsonParser p, String value) throws NulCharacterException {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new NulCharacterException(p, value);
        }
        return value;
    }

    /** A string holding U+0000; the problem mapper names its field. */
    public static final class NulCharacterException extends InvalidFormatException {
        NulCharacterException(JsonParser p, String value) {
            super(p, "a string contains a NUL character (\\u0000)", value, String.class);
        }
    }
}
