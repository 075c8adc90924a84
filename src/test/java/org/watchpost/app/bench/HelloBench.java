package org.watchpost.app.bench;

import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.Stage;

/**
 * The floor under {@link DashboardBench}: JVM start → first frame of a window holding one
 * label and a one-row table, no database, no FXML. Prints {@code BENCH hello_from_jvm_ms=…}.
 */
public final class HelloBench {
    private HelloBench() {
    }

    public static void main(String[] args) {
        Application.launch(App.class);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            long startedAt = System.currentTimeMillis() - jvmStart;
            TableView<String> table = new TableView<>();
            TableColumn<String, String> col = new TableColumn<>("Value");
            col.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()));
            table.getColumns().add(col);
            table.getItems().add("one row");
            stage.setScene(new Scene(new VBox(new Label("hello"), table), 1200, 760));
            stage.show();
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (table.lookup(".table-row-cell") != null) {
                        stop();
                        System.out.println("BENCH hello_jvm_to_start_ms=" + startedAt);
                        System.out.println("BENCH hello_from_jvm_ms=" + (System.currentTimeMillis() - jvmStart));
                        System.out.println("BENCH hello_process_cpu_ms=" + DashboardBench.processCpuMs());
                        System.out.println("BENCH hello_fx_thread_cpu_ms=" + DashboardBench.threadCpuMs());
                        Platform.exit();
                    }
                }
            }.start();
        }
    }
}
