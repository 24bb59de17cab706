package vn.truongso.enrolment;

import vn.truongso.common.ApiException;

/** Great-circle distance between two points (haversine on the mean Earth radius): home to school. */
final class Distance {

    static final double EARTH_RADIUS_KM = 6371.0088;

    private Distance() {
    }

    static double km(double lat1, double lon1, double lat2, double lon2) {
        checkCoordinates(lat1, lon1);
        checkCoordinates(lat2, lon2);
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = Math.toRadians(lat2 - lat1);
        double dLambda = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    static void checkCoordinates(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw ApiException.badRequest("LOCATION_INVALID",
                    "Tọa độ không hợp lệ: vĩ độ phải từ -90 đến 90, kinh độ từ -180 đến 180.");
        }
    }
}
