package vn.truongso.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * What a request's constraint violations answer. The message key of a constraint ({@code message = "{PHONE_INVALID}"})
 * is the stable code when written in UPPER_SNAKE_CASE; any other key answers {@code VALIDATION_FAILED}. The answer
 * names the first violated field in the order the request declares its fields (the order a person fills the form in,
 * and the order the hand-written checks had), so the same body always gets the same code; {@code fields} lists all.
 */
final class Violations {

    static final String GENERIC_CODE = "VALIDATION_FAILED";
    static final String GENERIC_DETAIL = "Dữ liệu gửi lên không hợp lệ.";
    private static final Pattern CODE_KEY = Pattern.compile("\\{([A-Z][A-Z0-9_]*)\\}");

    /** One violated field: its dotted path ("child.fullName"), code and Vietnamese text. */
    record Violation(String field, String code, String message, List<Integer> order) {
    }

    private Violations() {
    }

    static Violation of(ConstraintViolation<?> v) {
        Matcher key = CODE_KEY.matcher(v.getMessageTemplate());
        String code = key.matches() ? key.group(1) : GENERIC_CODE;
        return new Violation(field(v.getPropertyPath()), code, v.getMessage(), order(v));
    }

    /** The refusal for these violations: the first field's code and text, or the generic ones. */
    static ApiException refusal(Collection<Violation> violations) {
        Violation first = sorted(violations).get(0);
        return first.code().equals(GENERIC_CODE)
                ? ApiException.badRequest(GENERIC_CODE, GENERIC_DETAIL)
                : ApiException.badRequest(first.code(), first.message());
    }

    /** Field → text for every violated field, in declaration order (the first text of a field). */
    static Map<String, String> fields(Collection<Violation> violations) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Violation v : sorted(violations)) {
            fields.putIfAbsent(v.field(), v.message());
        }
        return fields;
    }

    static ApiException refusal(jakarta.validation.ConstraintViolationException e) {
        if (e.getConstraintViolations() == null || e.getConstraintViolations().isEmpty()) {
            return ApiException.badRequest(GENERIC_CODE, GENERIC_DETAIL);
        }
        return refusal(e.getConstraintViolations().stream().map(Violations::of).toList());
    }

    private static List<Violation> sorted(Collection<Violation> violations) {
        List<Violation> list = new ArrayList<>(violations);
        list.sort(Comparator.comparing(Violation::order, Violations::compare)
                .thenComparing(Violation::field).thenComparing(Violation::code).thenComparing(Violation::message));
        return list;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The request's own path: properties and element indexes, without the method and parameter of method validation. */
    private static String field(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() != ElementKind.PROPERTY) {
                continue;
            }
            if (node.isInIterable() && !out.isEmpty()) {
                out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return out.toString();
    }

    /** Where each node of the path is declared: parameter index, record component (or field) index, element index. */
    private static List<Integer> order(ConstraintViolation<?> v) {
        List<Integer> order = new ArrayList<>();
        Type type = v.getRootBeanClass();
        List<Class<?>> parameters = List.of();
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD -> parameters = node.as(Path.MethodNode.class).getParameterTypes();
                case CONSTRUCTOR -> parameters = node.as(Path.ConstructorNode.class).getParameterTypes();
                case PARAMETER -> {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    order.add(index);
                    type = index < parameters.size() ? parameters.get(index) : Object.class;
                }
                case PROPERTY -> {
                    if (node.isInIterable()) {
                        order.add(node.getIndex() != null ? node.getIndex() : 0);
                        type = elementType(type);
                    }
                    Class<?> owner = raw(type);
                    int index = Integer.MAX_VALUE;
                    Type next = Object.class;
                    if (owner.isRecord()) {
                        RecordComponent[] components = owner.getRecordComponents();
                        for (int i = 0; i < components.length; i++) {
                            if (components[i].getName().equals(node.getName())) {
                                index = i;
                                next = components[i].getGenericType();
                            }
                        }
                    } else {
                        Field[] declared = owner.getDeclaredFields();
                        for (int i = 0; i < declared.length; i++) {
                            if (declared[i].getName().equals(node.getName())) {
                                index = i;
                                next = declared[i].getGenericType();
                            }
                        }
                    }
                    order.add(index);
                    type = next;
                }
                default -> {
                }
            }
        }
        return order;
    }

    private static Type elementType(Type container) {
        if (container instanceof ParameterizedType p && p.getActualTypeArguments().length > 0) {
            Type[] args = p.getActualTypeArguments();
            return args[args.length - 1]; // List<E> → E, Map<K, V> → V
        }
        return Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
