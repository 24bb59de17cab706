package vn.truongso.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@code truongso.registers.*}: the type codes (chữ viết tắt tên loại văn bản, Decree 30/2020 Appendix III) an
 * outgoing document may carry. A công văn has none: its symbol names the drafting unit instead.
 */
@Component
@ConfigurationProperties(prefix = "truongso.registers")
class RegisterProperties {

    private List<TypeCode> typeCodes = new ArrayList<>();

    public List<TypeCode> getTypeCodes() {
        return typeCodes;
    }

    public void setTypeCodes(List<TypeCode> typeCodes) {
        this.typeCodes = typeCodes;
    }

    Optional<TypeCode> typeCode(String code) {
        return typeCodes.stream().filter(t -> t.getCode().equals(code)).findFirst();
    }

    public static class TypeCode {
        private String code;
        private String name;

        public String getCode() {
            return code;
        }

        public void setCode(String code) {
            this.code = code;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
