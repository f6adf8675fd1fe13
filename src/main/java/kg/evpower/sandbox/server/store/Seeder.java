package kg.evpower.sandbox.server.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Seeds a network that looks like Kyrgyzstan's: locations over seven cities with real street names and
 * plausible coordinates, stations of real models with 1–4 connectors, tariffs in KGS, owners with their
 * operators, one superadmin and several hundred clients. Deterministic for a given seed and scale.
 */
public final class Seeder {

    /** Phone of the seeded superadmin (also listed by {@code GET /_sandbox/accounts}). */
    public static final String SUPERADMIN_PHONE = "+996700000001";

    record City(String name, double lat, double lon, double spreadKm, String[][] places) {
    }

    // {place name, street address}
    static final List<City> CITIES = List.of(
            new City("Бишкек", 42.8746, 74.5698, 6.0, new String[][] {
                {"ТРЦ Bishkek Park", "ул. Киевская, 148"},
                {"ТРЦ Asia Mall", "пр. Чуй, 3/1"},
                {"ТРЦ Дордой Плаза", "ул. Ибраимова, 115"},
                {"ТЦ Vefa Center", "ул. Горького, 1/2"},
                {"ТЦ ЦУМ Айчурек", "пр. Чуй, 155"},
                {"Гипермаркет Globus Аламедин", "ул. Л. Толстого, 19"},
                {"Бишкек-Парк паркинг", "ул. Исанова, 60"},
                {"Парк Ататюрк", "ул. Ахунбаева, 2"},
                {"Площадь Ала-Тоо", "ул. Абдрахманова, 205"},
                {"ТРЦ Ala-Archa", "пр. Жибек Жолу, 380"},
                {"Гостиница Hyatt Regency", "ул. Абдрахманова, 191"},
                {"АЗС Газпромнефть Южная магистраль", "ул. Южная магистраль, 18"},
                {"Бизнес-центр Victory", "пр. Манаса, 57"},
                {"ТЦ Бета Сторес", "пр. Чуй, 150а"},
                {"Восток-5 паркинг", "мкр. Восток-5, 12"},
                {"Политех (КГТУ)", "пр. Ч. Айтматова, 66"},
                {"Филармония", "пр. Чуй, 253"},
                {"Аэропорт Манас", "Аэропорт Манас, терминал 1"}
            }),
            new City("Ош", 40.5283, 72.7985, 3.5, new String[][] {
                {"Ош Молл", "ул. Ленина, 205"},
                {"Базар Жайма паркинг", "ул. Курманжан Датки, 2"},
                {"Сулайман-Тоо", "ул. Масалиева, 8"},
                {"ОшГУ", "ул. Ленина, 331"},
                {"ТЦ Келечек", "пр. Масалиева, 44"},
                {"Аэропорт Ош", "ул. Мамасалы Азимова"},
                {"Гостиница Классик", "ул. Раззакова, 42"}
            }),
            new City("Каракол", 42.4907, 78.3936, 2.0, new String[][] {
                {"Центральная площадь", "ул. Абдрахманова, 119"},
                {"Каракол Бизнес Центр", "ул. Токтогула, 82"},
                {"Станция Каракол-Каравансарай", "ул. Гагарина, 22"},
                {"Горнолыжная база Каракол", "трасса Каракол — Ак-Суу"}
            }),
            new City("Чолпон-Ата", 42.6490, 77.0820, 2.5, new String[][] {
                {"Пансионат Радуга", "ул. Советская, 4"},
                {"Рух Ордо", "ул. Советская, 69"},
                {"Кыргызское взморье", "ул. Курманбек, 22"},
                {"Ипподром Чолпон-Ата", "ул. Ленина, 1"}
            }),
            new City("Джалал-Абад", 40.9333, 73.0000, 2.5, new String[][] {
                {"ТЦ Джалал-Абад Сити", "ул. Ленина, 32"},
                {"Курорт Джалал-Абад", "ул. Курортная, 1"},
                {"ЖАГУ", "ул. Эркиндик, 57"},
                {"Центральный рынок", "ул. Токтогула, 10"}
            }),
            new City("Нарын", 41.4287, 75.9911, 2.0, new String[][] {
                {"Центральный парк", "ул. Ленина, 52"},
                {"Университет Центральной Азии", "ул. Ленина, 310"},
                {"Трасса Бишкек — Торугарт", "ул. С. Орозбакова, 1"}
            }),
            new City("Талас", 42.5228, 72.2427, 1.8, new String[][] {
                {"Манас Ордо", "с. Ташарык, Манас Ордо"},
                {"Центральная площадь", "ул. Сарыгулова, 20"},
                {"ТЦ Талас", "ул. Бердике Баатыра, 205"}
            }));

    /** A station model with its connector kit. */
    record Model(String manufacturer, String model, String[] types, double[] powers, String firmware) {
    }

    static final List<Model> MODELS = List.of(
            new Model("ABB", "Terra AC W22", new String[] {"Type2"}, new double[] {22}, "1.8.21"),
            new Model("ABB", "Terra 54", new String[] {"CCS", "CHAdeMO", "Type2"}, new double[] {50, 50, 22}, "1.6.4"),
            new Model("ABB", "Terra 124", new String[] {"CCS", "CCS"}, new double[] {120, 120}, "1.7.2"),
            new Model("Autel", "MaxiCharger AC Wallbox", new String[] {"Type2"}, new double[] {7}, "V1.35"),
            new Model("Autel", "MaxiCharger AC Elite", new String[] {"Type2", "Type2"}, new double[] {11, 11}, "V1.41"),
            new Model("Kempower", "S-Series", new String[] {"CCS", "CCS", "CHAdeMO", "Type2"}, new double[] {150, 150, 50, 22}, "2.3.0"),
            new Model("TELD", "TCDZ-DC60", new String[] {"GB/T", "GB/T"}, new double[] {60, 60}, "3.1.7"),
            new Model("TELD", "TCDZ-DC120", new String[] {"GB/T", "CCS"}, new double[] {120, 120}, "3.2.0"),
            new Model("Star Charge", "Aurora 22", new String[] {"Type2", "GB/T"}, new double[] {22, 22}, "4.0.11"),
            new Model("XCharge", "C6", new String[] {"CCS", "GB/T"}, new double[] {60, 60}, "5.12"));

    static final String[] OWNER_COMPANIES = {
        "ОсОО «ЭвиПауэр Бишкек»", "ОсОО «Ош Электро»", "ОсОО «Иссык-Куль Заряд»", "ИП Бекмуратов"
    };
    static final String[] MALE_NAMES = {
        "Айбек", "Нурлан", "Бакыт", "Азамат", "Эрлан", "Улан", "Тимур", "Данияр", "Марат", "Канат",
        "Алексей", "Сергей", "Дмитрий", "Руслан", "Адилет", "Эмир", "Нуржан"
    };
    static final String[] FEMALE_NAMES = {
        "Айгуль", "Асель", "Жылдыз", "Нургуль", "Айпери", "Бермет", "Динара", "Гульнара", "Мээрим", "Чолпон",
        "Ольга", "Елена", "Салтанат"
    };
    static final String[] LAST_NAMES = {
        "Асанов", "Токтогулов", "Бекмуратов", "Жумабаев", "Осмонов", "Садыков", "Мамытов", "Исаков",
        "Абдыкадыров", "Кадыров", "Иванов", "Ким", "Алиев", "Турдубаев", "Эсенгулов", "Карабаев"
    };
    static final String[] MOBILE_PREFIXES = {"500", "550", "555", "700", "702", "705", "707", "770", "772", "777", "990", "995", "220", "221"};

    private final Random rnd;
    private final int scale;

    public Seeder(long seed, int scale) {
        this.rnd = new Random(seed);
        this.scale = Math.max(1, scale);
    }

    public static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Seeds an empty database; does nothing if stations already exist. Returns the number of stations. */
    public int seedIfEmpty(Database db) {
        int existing = db.queryOne("SELECT COUNT(*) FROM stations", rs -> rs.getInt(1)).orElse(0);
        if (existing > 0) {
            return existing;
        }
        return db.tx(this::seed);
    }

    private int seed(Connection c) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime created = OffsetDateTime.ofInstant(now.minus(400, ChronoUnit.DAYS), ZoneOffset.UTC);

        // Tariff plans.
        String[][] plans = {
            {"Стандарт AC", "Медленная зарядка переменным током"},
            {"Быстрая DC", "Быстрая зарядка постоянным током"},
            {"Ночной", "Сниженный тариф с 23:00 до 07:00"}
        };
        for (int i = 0; i < plans.length; i++) {
            Database.update(c, "INSERT INTO tariff_plans (id, name, description, is_default, is_active, created_at) VALUES (?,?,?,?,?,?)",
                    uuid("plan-" + i), plans[i][0], plans[i][1], i == 0, true, created);
        }

        // Staff: one superadmin, owners (admins), two operators per owner.
        List<String> ownerIds = new ArrayList<>();
        insertUser(c, uuid("user-superadmin"), "support@evpower.kg", SUPERADMIN_PHONE, "superadmin", null,
                "Служба поддержки EvPower", created);
        for (int i = 0; i < OWNER_COMPANIES.length; i++) {
            String id = uuid("user-owner-" + i);
            ownerIds.add(id);
            insertUser(c, id, "owner" + (i + 1) + "@evpower.kg", String.format("+99670010000%d", i + 1), "admin", null,
                    OWNER_COMPANIES[i], created);
            for (int k = 0; k < 2; k++) {
                String opId = uuid("user-operator-" + i + "-" + k);
                insertUser(c, opId, null, String.format("+9967002%02d%03d", i + 1, k + 1), "operator", id,
                        personName(), created);
            }
        }
        // One deactivated operator, so the role rules can be seen.
        insertUser(c, uuid("user-operator-inactive"), null, "+996700299999", "operator", ownerIds.get(0), "Бывший оператор", created);
        Database.update(c, "UPDATE users SET is_active = FALSE WHERE id = ?", uuid("user-operator-inactive"));

        // Clients.
        int clientCount = 520 * scale; // enough drivers for a third of the connectors charging at once
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO clients (id, email, phone, name, balance, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)");
             PaidTopups pay = new PaidTopups(c)) {
            java.util.Set<String> phones = new java.util.HashSet<>();
            for (int i = 0; i < clientCount; i++) {
                String phone;
                do {
                    phone = "+996" + MOBILE_PREFIXES[rnd.nextInt(MOBILE_PREFIXES.length)] + String.format("%06d", rnd.nextInt(1_000_000));
                } while (phone.startsWith("+996700") || !phones.add(phone));
                BigDecimal balance = BigDecimal.valueOf(rnd.nextInt(150_000), 2);
                String status = i % 97 == 13 ? "blocked" : i % 131 == 7 ? "inactive" : "active";
                OffsetDateTime since = created.plusDays(rnd.nextInt(390));
                Database.bind(ps, uuid("client-" + i), null, phone, personName(), balance, status, since, since);
                ps.addBatch();
                if (balance.signum() > 0) {
                    // a seeded balance is money the client once paid in, so the balances equal their ledger sums and the provider's records
                    pay.add(uuid("client-" + i), phone, balance, BigDecimal.ZERO, since.toInstant().plusSeconds(600), 7_000_000_001L + i);
                }
            }
            ps.executeBatch();
            pay.flush();
        }

        // Locations and stations.
        int stationCount = 0;
        int locationIndex = 0;
        try (PreparedStatement loc = c.prepareStatement(
                "INSERT INTO locations (id, name, address, city, country, latitude, longitude, user_id, admin_id, status,"
                        + " stations_count, connectors_count, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement st = c.prepareStatement(
                "INSERT INTO stations (id, serial_number, model, manufacturer, location_id, power_capacity, connector_types,"
                        + " installation_date, firmware_version, status, user_id, connectors_count, tariff_plan_id, price_per_kwh,"
                        + " session_fee, currency, is_available, last_heartbeat_at, api_key, created_at, updated_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement con = c.prepareStatement(
                "INSERT INTO connectors (station_id, connector_number, connector_type, power_kw, status, error_code, last_status_update)"
                        + " VALUES (?,?,?,?,?,?,?)");
             PreparedStatement oss = c.prepareStatement(
                "INSERT INTO ocpp_station_status (station_id, status, error_code, last_heartbeat, firmware_version,"
                        + " boot_notification_sent, connector_status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (int copy = 0; copy < scale; copy++) {
                for (int ci = 0; ci < CITIES.size(); ci++) {
                    City city = CITIES.get(ci);
                    for (String[] place : city.places()) {
                        locationIndex++;
                        String locId = uuid("location-" + locationIndex);
                        // Bishkek and Issyk-Kul belong to owners 0/2, Osh and the south to owner 1; the rest mixed.
                        String owner = ownerIds.get(ownerFor(ci, locationIndex));
                        double[] ll = jitter(city, copy == 0 ? 0.8 : 1.6);
                        String name = copy == 0 ? place[0] : place[0] + " · " + (copy + 1);
                        String locStatus = locationIndex % 41 == 0 ? "inactive" : "active";
                        int stations = 1 + rnd.nextInt(city.name().equals("Бишкек") ? 5 : 4);
                        int connectorsTotal = 0;
                        for (int sn = 1; sn <= stations; sn++) {
                            Model m = MODELS.get(rnd.nextInt(MODELS.size()));
                            String stationId = String.format("EVP-%03d-%02d", locationIndex, sn);
                            boolean dc = m.powers()[0] >= 50;
                            BigDecimal price = BigDecimal.valueOf(dc ? 16 + rnd.nextInt(9) : 10 + rnd.nextInt(5))
                                    .add(BigDecimal.valueOf(rnd.nextInt(2) * 50L, 2));
                            BigDecimal fee = dc && rnd.nextBoolean() ? BigDecimal.valueOf(10 + 5L * rnd.nextInt(3)) : BigDecimal.ZERO;
                            String adminStatus = stationCount % 37 == 5 ? "maintenance" : stationCount % 53 == 11 ? "inactive" : "active";
                            double maxPower = 0;
                            for (double p : m.powers()) {
                                maxPower = Math.max(maxPower, p);
                            }
                            Instant hb = now.minusSeconds(rnd.nextInt(120));
                            OffsetDateTime hbt = OffsetDateTime.ofInstant(hb, ZoneOffset.UTC);
                            OffsetDateTime installed = created.plusDays(rnd.nextInt(300));
                            Database.bind(st, stationId, String.format("%s-%s-%06d", m.manufacturer().substring(0, 3).toUpperCase(),
                                            Integer.toHexString(m.model().hashCode() & 0xfff).toUpperCase(), 100000 + stationCount),
                                    m.model(), m.manufacturer(), locId, BigDecimal.valueOf(maxPower), m.types(),
                                    installed.toLocalDate().toString(), m.firmware(), adminStatus, owner, m.types().length,
                                    uuid("plan-" + (dc ? 1 : 0)), price, fee, "KGS", true, hbt,
                                    "sk_" + uuid("key-" + stationId).replace("-", ""), installed, installed);
                            st.addBatch();
                            StringBuilder json = new StringBuilder("[");
                            for (int k = 0; k < m.types().length; k++) {
                                Database.bind(con, stationId, k + 1, m.types()[k], BigDecimal.valueOf(m.powers()[k]),
                                        "available", "NoError", hbt);
                                con.addBatch();
                                if (k > 0) {
                                    json.append(',');
                                }
                                json.append("{\"connector_id\":").append(k + 1)
                                        .append(",\"status\":\"Available\",\"error_code\":\"NoError\",\"info\":null,\"timestamp\":\"")
                                        .append(hb).append("\"}");
                            }
                            json.append(']');
                            Database.bind(oss, stationId, "Available", "NoError", hbt, m.firmware(), true, json.toString(), installed, hbt);
                            oss.addBatch();
                            connectorsTotal += m.types().length;
                            stationCount++;
                        }
                        Database.bind(loc, locId, name, city.name() + ", " + place[1], city.name(), "KG", ll[0], ll[1], owner, owner,
                                locStatus, stations, connectorsTotal, created, created);
                        loc.addBatch();
                    }
                    if (locationIndex % 200 == 0) {
                        loc.executeBatch();
                        st.executeBatch();
                        con.executeBatch();
                        oss.executeBatch();
                    }
                }
            }
            loc.executeBatch();
            st.executeBatch();
            con.executeBatch();
            oss.executeBatch();
        }
        return stationCount;
    }

    private static int ownerFor(int cityIndex, int locationIndex) {
        return switch (cityIndex) {
            case 0 -> locationIndex % 5 == 0 ? 3 : 0;  // Бишкек: mostly owner 0, some owner 3
            case 1, 4 -> 1;                           // Ош, Джалал-Абад
            case 2, 3 -> 2;                           // Каракол, Чолпон-Ата
            default -> locationIndex % 2 == 0 ? 3 : 0; // Нарын, Талас
        };
    }

    private double[] jitter(City city, double factor) {
        double km = city.spreadKm() * factor;
        double dLat = (rnd.nextGaussian() * km / 2.5) / 111.0;
        double dLon = (rnd.nextGaussian() * km / 2.5) / (111.0 * Math.cos(Math.toRadians(city.lat())));
        return new double[] {round6(city.lat() + dLat), round6(city.lon() + dLon)};
    }

    private static double round6(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }

    private String personName() {
        boolean female = rnd.nextInt(5) < 2;
        String first = female ? FEMALE_NAMES[rnd.nextInt(FEMALE_NAMES.length)] : MALE_NAMES[rnd.nextInt(MALE_NAMES.length)];
        String last = LAST_NAMES[rnd.nextInt(LAST_NAMES.length)];
        return first + " " + (female && !last.equals("Ким") ? last + "а" : last);
    }

    private static void insertUser(Connection c, String id, String email, String phone, String role, String adminId,
                                   String name, OffsetDateTime created) throws SQLException {
        Database.update(c, "INSERT INTO users (id, email, phone, role, is_active, admin_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                id, email, phone, role, true, adminId, created, created);
        // Hybrid model: every owner and operator also has a clients row with the same id.
        Database.update(c, "INSERT INTO clients (id, email, phone, name, balance, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                id, email, phone, name, BigDecimal.ZERO, "active", created, created);
    }

}
