package vn.truongso.web;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.Chromium;

/** One headless Chromium per test class against the application's random port, and the API beside it for set-up. */
abstract class BrowserTest {

    static Chromium browser;

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    Api api;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @BeforeEach
    void openBrowser() {
        api = new Api(port, management);
        if (browser == null) {
            browser = new Chromium(port);
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
