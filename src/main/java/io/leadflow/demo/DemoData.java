package io.leadflow.demo;

import io.leadflow.directory.RepProfile;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.directory.UserContacts;
import io.leadflow.identity.ApiKeys;
import io.leadflow.identity.Roles;
import io.leadflow.system.Caller;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo: teams matching the default routing table, reps in them, their managers, an analyst,
 * and a demo API key. Only in the "demo" profile (the default one on H2); the users'
 * password is "demo". Idempotent, so restarts keep what was changed.
 */
@Component
@Profile("demo")
@Order(1)
class DemoData implements ApplicationRunner {

  static final String PASSWORD = "demo";
  static final String DEMO_API_KEY = "demo-api-key-change-me";

  record Team(String id, String name) {}

  record Rep(String id, String first, String last, int weight, String... teams) {}

  record Manager(String id, String first, String last, String... teams) {}

  static final List<Team> TEAMS = List.of(
      new Team("strategic", "资深销售总监组 / Strategic accounts"),
      new Team("mfg-mes", "制造业MES专家组 / Manufacturing MES specialists"),
      new Team("manufacturing", "制造业专家组 / Manufacturing specialists"),
      new Team("east-china", "华东销售团队 / East China sales"),
      new Team("south-china", "华南销售团队 / South China sales"));

  static final List<Rep> REPS = List.of(
      new Rep("zhang.wei", "伟", "张", 2, "strategic"),
      new Rep("li.na", "娜", "李", 1, "strategic"),
      new Rep("wang.fang", "芳", "王", 1, "strategic", "east-china"),
      new Rep("liu.yang", "洋", "刘", 1, "east-china"),
      new Rep("chen.jing", "静", "陈", 1, "east-china"),
      new Rep("zhao.min", "敏", "赵", 1, "south-china"),
      new Rep("sun.li", "丽", "孙", 1, "south-china"),
      new Rep("zhou.tao", "涛", "周", 1, "manufacturing", "mfg-mes"),
      new Rep("wu.hao", "浩", "吴", 1, "manufacturing"),
      new Rep("zheng.xin", "欣", "郑", 1, "mfg-mes"));

  static final List<Manager> MANAGERS = List.of(
      new Manager("qian.jun", "军", "钱", "east-china", "south-china"),
      new Manager("he.lei", "磊", "何", "manufacturing", "mfg-mes"),
      new Manager("anna.schmidt", "Anna", "Schmidt", "strategic"));

  record Staff(String id, String first, String last, String group, String groupName) {}

  static final List<Staff> STAFF = List.of(
      new Staff("lin.feng", "峰", "林", "sales-directors", "销售总监 / Sales directors"),
      new Staff("guo.qiang", "强", "郭", "sales-directors", "销售总监 / Sales directors"),
      new Staff("song.jie", "杰", "宋", "sales-vp", "销售副总裁 / Sales VP"),
      new Staff("xu.li", "丽", "许", "marketing-content", "市场内容组 / Marketing content"),
      new Staff("hu.bin", "斌", "胡", "presales", "售前支持组 / Presales"));

  private final TeamDirectory directory;
  private final Roles roles;
  private final ApiKeys apiKeys;
  private final UserContacts contacts;

  DemoData(TeamDirectory directory, Roles roles, ApiKeys apiKeys, UserContacts contacts) {
    this.directory = directory;
    this.roles = roles;
    this.apiKeys = apiKeys;
    this.contacts = contacts;
  }

  @Override
  public void run(ApplicationArguments args) {
    directory.ensureGroup(Caller.ANALYSTS, "流程分析师 / Process analysts", "WORKFLOW");
    roles.grantAnalyst(Caller.ANALYSTS);
    directory.ensureUser("analyst", "分析师", "演示", "analyst@leadflow.example", PASSWORD);
    directory.ensureMember("analyst", Caller.ANALYSTS);

    TEAMS.forEach(team -> directory.ensureTeam(team.id(), team.name()));
    int mobile = 0;
    for (Rep rep : REPS) {
      RepProfile profile = directory.ensureRep(rep.id(), rep.first(), rep.last(),
          rep.id() + "@leadflow.example", PASSWORD, rep.teams());
      directory.save(profile.setWeight(rep.weight()));
      demoContacts(rep.id(), ++mobile, Locale.SIMPLIFIED_CHINESE);
    }
    // Managers hear of reclaims, claims and teams without an eligible rep.
    for (Manager manager : MANAGERS) {
      directory.ensureManager(manager.id(), manager.first(), manager.last(),
          manager.id() + "@leadflow.example", PASSWORD, manager.teams());
      demoContacts(manager.id(), ++mobile,
          manager.first().matches("\\p{IsLatin}+") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
    }

    // Approvers (decisions/LeadApproval.dmn) and the teams tags ask for help
    // (decisions/LeadCollaboration.dmn) work in Tasklist without owning leads.
    directory.ensureGroup(Caller.STAFF, "协作人员 / Staff", "WORKFLOW");
    for (Staff staff : STAFF) {
      directory.ensureGroup(staff.group(), staff.groupName(), "WORKFLOW");
      directory.ensureUser(staff.id(), staff.first(), staff.last(),
          staff.id() + "@leadflow.example", PASSWORD);
      directory.ensureMember(staff.id(), staff.group());
      directory.ensureMember(staff.id(), Caller.STAFF);
      demoContacts(staff.id(), ++mobile, Locale.SIMPLIFIED_CHINESE);
    }

    apiKeys.ensure("demo-integration", DEMO_API_KEY);
  }

  /** Made-up mobile numbers (138 0013 80xx) and the chat ids the demo robots would mention. */
  private void demoContacts(String userId, int n, Locale locale) {
    if (contacts.find(userId).isEmpty()) {
      contacts.save(userId, String.format("138001380%02d", n), userId, userId, locale);
    }
  }
}
