package vn.truongso.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vn.truongso.common.ApiException;

class DistanceTest {

    // Hà Nội (Hoàn Kiếm) and TP Hồ Chí Minh (Quận 1).
    static final double HANOI_LAT = 21.0285, HANOI_LON = 105.8542;
    static final double HCMC_LAT = 10.8231, HCMC_LON = 106.6297;

    @Test
    void hanoiToHoChiMinhCityIsAbout1140Km() {
        assertThat(Distance.km(HANOI_LAT, HANOI_LON, HCMC_LAT, HCMC_LON)).isCloseTo(1140, within(10.0));
        assertThat(Distance.km(HCMC_LAT, HCMC_LON, HANOI_LAT, HANOI_LON))
                .isEqualTo(Distance.km(HANOI_LAT, HANOI_LON, HCMC_LAT, HCMC_LON));
    }

    @Test
    void samePointIsZeroAndShortDistancesAreMetres() {
        assertThat(Distance.km(HANOI_LAT, HANOI_LON, HANOI_LAT, HANOI_LON)).isZero();
        // 0.01° of latitude is about 1.11 km anywhere.
        assertThat(Distance.km(21.00, 105.85, 21.01, 105.85)).isCloseTo(1.112, within(0.005));
    }

    @Test
    void refusesCoordinatesOutsideTheGlobe() {
        assertThatThrownBy(() -> Distance.km(91, 0, 0, 0))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("LOCATION_INVALID"))
                .hasMessageContaining("Tọa độ không hợp lệ");
        assertThatThrownBy(() -> Distance.km(0, 0, 0, Double.NaN)).isInstanceOf(ApiException.class);
    }
}
