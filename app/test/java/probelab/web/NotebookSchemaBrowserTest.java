package probelab.web;

import org.junit.jupiter.api.parallel.ResourceLock;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import probelab.TestEnv;
import probelab.storage.notebooks.Notebooks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Browser.WAIT;

/** The notebook's schema panel in a real browser: the views with their question and columns, names inserted into the editor. */
@Timeout(value = TestEnv.BROWSER_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.BROWSER)
class NotebookSchemaBrowserTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    @Test
    void the_schema_panel_lists_the_public_views_and_inserts_a_name_at_the_editors_cursor() {
        Notebooks notebooks = new Notebooks(app.probelab().store().database());
        Notebooks.Notebook nb = notebooks.create("schema panel");
        notebooks.addCell(nb.id(), Notebooks.SQL, "SELECT * FROM ");
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String page = Http.get(client, "/notebooks/" + nb.id()).body().string();
            assertTrue(page.contains("data-insert=\"v_samples\""), "v_samples is listed");
            assertTrue(page.contains("How far did each cell&#39;s measuring get, and why did it stop?")
                    || page.contains("How far did each cell's measuring get, and why did it stop?"), "with its question");
            assertTrue(page.contains("data-insert=\"stop_reason\""), "and its columns");
            assertTrue(!page.contains("data-insert=\"v_shares\""), "share links are not a public view");
            try (Browser b = Browser.start()) {
                b.driver.get(client.getOrigin() + "/notebooks/" + nb.id());
                b.driver.findElement(By.cssSelector("button[hx-get$='/edit']")).click();
                WebElement editor = b.waitFor(WAIT, "the cell editor opens",
                        d -> d.findElements(By.cssSelector("textarea[name=source]")).stream().findFirst().orElse(null));
                editor.click();
                editor.sendKeys(Keys.END);
                b.driver.findElement(By.cssSelector("#schema-panel summary")).click();
                b.driver.findElement(By.cssSelector("#schema-panel button[data-insert=v_samples]")).click();
                b.waitFor(WAIT, "the name is inserted at the cursor",
                        d -> "SELECT * FROM v_samples".equals(d.findElement(By.cssSelector("textarea[name=source]")).getAttribute("value")));
                assertEquals(List.of(), b.severeLogs(), "no errors in the browser console");
            }
        });
    }
}
