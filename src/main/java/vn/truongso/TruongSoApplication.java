package vn.truongso;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TruongSoApplication {
    public static void main(String[] args) {
        SpringApplication.run(TruongSoApplication.class, args);
    }
}
